<?xml version="1.0" encoding="UTF-8"?>
<!--
  One request: its state, what was asked, what the reader may do now, and its history. Input:
  <request number status="open|returned|done|rejected" step version satisfaction="0-5"
           created updated requester mine="yes"? code="tracking code"? error="act.stale|act.note"?>
    <session username name-th name-en csrf/>
    <process …/>                                   the full definition
    <values><v name="…">text</v>*</values>         the request form as filed
    <events><event at action from to who-th who-en>note</event>*</events>   oldest first
    <memos><memo direction="incoming|outgoing" number date fiscal-year unit-th unit-en/>*</memos>
    <clock due="YYYY-MM-DD" sla-days paused-days paused="yes"? left="n"? overdue="n"?/>?
                                                   the time limit, in working days
    <attachments count max may-upload="yes"?>
      <file id name size="bytes" type at who-th who-en/>*          oldest first
    </attachments>
    <allowed complete? approve? reject? return? resubmit? rate? comment? voted?>  (each "yes")
    <survey link><svg …/></survey>?   at a survey step: its one-time link and QR code
      <branch to="stepid"/>*
      <assign any="yes"?><person id name-th name-en/>*</assign>?   who the reader may assign to
      <on-behalf id name-th name-en/>?   the absent approver the reader stands in for
    </allowed>
    <committee><member id name-th name-en approved="yes"? by-th? by-en?/>*</committee>?
                                                   a step every approver must approve
  The request element may carry assignee-th, assignee-en and assigned-to-me="yes"; an
  event may carry assignee-th/-en (assigned) and for-th/-en (acted on behalf of).
  The assign form posts action=assign with arg = the person's id.
  </request>
  Every action is its own form posting to /requests/{number}: csrf, version, action, and arg
  (a branch's step id; a rating 1-5), with a note. At a step with memo="incoming" the forms
  that move the request on carry memo_number; at memo="outgoing" they say a number is reserved.
  (a branch's step id; a rating 1-5), with a note. A file is attached by a multipart form
  posting to /requests/{number}/attachments (csrf, file) and downloaded from
  /requests/{number}/attachments/{id}.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>

  <xsl:key name="rq-step" match="process/steps/step" use="@id"/>

  <xsl:variable name="r" select="/request"/>
  <xsl:variable name="p" select="$r/process[1]"/>
  <xsl:variable name="first" select="string($p/steps/step[1]/@id)"/>
  <xsl:variable name="form" select="$p/forms/form[@step = $first][1]"/>
  <xsl:variable name="cur" select="$p/steps/step[@id = $r/@step][1]"/>
  <xsl:variable name="al" select="$r/allowed"/>
  <!-- The server counts the note in bytes (at most 4000); a Thai character is 3 bytes. -->
  <xsl:variable name="note-max" select="2000"/>

  <xsl:template name="page-class">page-request</xsl:template>

  <xsl:template name="page-title">
    <xsl:call-template name="msg">
      <xsl:with-param name="key" select="'rq.title'"/>
      <xsl:with-param name="arg" select="$r/@number"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="page-main">
    <header class="page-head request-head">
      <p class="kicker">
        <a href="/processes/{$p/@code}"><xsl:apply-templates select="$p/title" mode="bi"/></a>
      </p>
      <h1 class="request-number"><xsl:value-of select="$r/@number"/></h1>
      <p class="request-status">
        <span class="vh">
          <xsl:call-template name="msg"><xsl:with-param name="key" select="'rq.status'"/></xsl:call-template>
          <xsl:text>: </xsl:text>
        </span>
        <xsl:call-template name="status-badge"><xsl:with-param name="status" select="$r/@status"/></xsl:call-template>
      </p>
      <dl class="facts">
        <xsl:if test="$cur">
          <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'rq.step'"/></xsl:call-template></dt>
          <dd>
            <span class="current-step"><xsl:apply-templates select="$cur/label" mode="bi"/></span>
            <xsl:choose>
              <xsl:when test="$r/@status = 'returned'">
                <span class="step-actor">
                  <xsl:call-template name="msg"><xsl:with-param name="key" select="'rq.waiting-requester'"/></xsl:call-template>
                </span>
              </xsl:when>
              <xsl:when test="$r/@status = 'open'">
                <span class="step-actor">
                  <xsl:call-template name="msg"><xsl:with-param name="key" select="'step.actor'"/></xsl:call-template>
                  <xsl:text>: </xsl:text>
                  <xsl:call-template name="role-name"><xsl:with-param name="id" select="$cur/@actor"/></xsl:call-template>
                </span>
              </xsl:when>
            </xsl:choose>
          </dd>
        </xsl:if>
        <xsl:if test="normalize-space($r/@requester) != ''">
          <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'rq.requester'"/></xsl:call-template></dt>
          <dd><xsl:value-of select="$r/@requester"/></dd>
        </xsl:if>
        <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'rq.created'"/></xsl:call-template></dt>
        <dd><xsl:call-template name="when"><xsl:with-param name="at" select="$r/@created"/></xsl:call-template></dd>
        <xsl:if test="$r/clock">
          <xsl:variable name="c" select="$r/clock"/>
          <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'clk.due'"/></xsl:call-template></dt>
          <dd class="clock">
            <time class="clock-due" datetime="{$c/@due}">
              <xsl:call-template name="format-date">
                <xsl:with-param name="date" select="$c/@due"/>
                <xsl:with-param name="be" select="'yes'"/>
              </xsl:call-template>
            </time>
            <xsl:text> </xsl:text>
            <xsl:choose>
              <xsl:when test="$c/@paused = 'yes'">
                <span class="badge clock-state clock-paused">
                  <xsl:call-template name="msg"><xsl:with-param name="key" select="'clk.paused'"/></xsl:call-template>
                </span>
              </xsl:when>
              <xsl:when test="$c/@overdue and number($c/@overdue) &gt; 0">
                <span class="badge clock-state clock-overdue">
                  <xsl:call-template name="msg">
                    <xsl:with-param name="key" select="'clk.overdue'"/>
                    <xsl:with-param name="arg" select="$c/@overdue"/>
                  </xsl:call-template>
                </span>
              </xsl:when>
              <xsl:when test="$c/@overdue">
                <span class="badge clock-state clock-overdue">
                  <xsl:call-template name="msg"><xsl:with-param name="key" select="'clk.overdue-0'"/></xsl:call-template>
                </span>
              </xsl:when>
              <xsl:when test="$c/@left = 0">
                <span class="badge clock-state clock-today">
                  <xsl:call-template name="msg"><xsl:with-param name="key" select="'clk.today'"/></xsl:call-template>
                </span>
              </xsl:when>
              <xsl:when test="$c/@left">
                <span class="badge clock-state clock-left">
                  <xsl:call-template name="msg">
                    <xsl:with-param name="key" select="'clk.left'"/>
                    <xsl:with-param name="arg" select="$c/@left"/>
                  </xsl:call-template>
                </span>
              </xsl:when>
            </xsl:choose>
            <span class="clock-limit">
              <xsl:text> </xsl:text>
              <xsl:call-template name="msg">
                <xsl:with-param name="key" select="'clk.limit'"/>
                <xsl:with-param name="arg" select="$c/@sla-days"/>
              </xsl:call-template>
              <xsl:if test="number($c/@paused-days) &gt; 0">
                <xsl:text> · </xsl:text>
                <xsl:call-template name="msg">
                  <xsl:with-param name="key" select="'clk.paused-days'"/>
                  <xsl:with-param name="arg" select="$c/@paused-days"/>
                </xsl:call-template>
              </xsl:if>
            </span>
          </dd>
        </xsl:if>
        <xsl:if test="$r/@updated and $r/@updated != $r/@created">
          <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'rq.updated'"/></xsl:call-template></dt>
          <dd><xsl:call-template name="when"><xsl:with-param name="at" select="$r/@updated"/></xsl:call-template></dd>
        </xsl:if>
        <xsl:if test="number($r/@satisfaction) &gt; 0">
          <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'rq.satisfaction'"/></xsl:call-template></dt>
          <dd>
            <span class="stars" aria-hidden="true">
              <xsl:value-of select="substring('★★★★★', 1, number($r/@satisfaction))"/>
              <span class="stars-off"><xsl:value-of select="substring('★★★★★', 1, 5 - number($r/@satisfaction))"/></span>
            </span>
            <xsl:text> </xsl:text>
            <xsl:call-template name="msg">
              <xsl:with-param name="key" select="'rq.score'"/>
              <xsl:with-param name="arg" select="$r/@satisfaction"/>
            </xsl:call-template>
          </dd>
        </xsl:if>
      </dl>
    </header>

    <xsl:if test="string-length($r/@code) &gt; 0">
      <section class="receipt" aria-labelledby="receipt-title">
        <p class="receipt-done"><xsl:call-template name="msg"><xsl:with-param name="key" select="'rcpt.done'"/></xsl:call-template></p>
        <h2 id="receipt-title"><xsl:call-template name="msg"><xsl:with-param name="key" select="'rcpt.title'"/></xsl:call-template></h2>
        <dl class="receipt-codes">
          <div>
            <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'rcpt.number'"/></xsl:call-template></dt>
            <dd><code class="big-code"><xsl:value-of select="$r/@number"/></code></dd>
          </div>
          <div>
            <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'rcpt.code'"/></xsl:call-template></dt>
            <dd><code class="big-code tracking-code"><xsl:value-of select="$r/@code"/></code></dd>
          </div>
        </dl>
        <p class="receipt-once"><xsl:call-template name="msg"><xsl:with-param name="key" select="'rcpt.once'"/></xsl:call-template></p>
        <p><a href="/track"><xsl:call-template name="msg"><xsl:with-param name="key" select="'track.link'"/></xsl:call-template></a></p>
      </section>
    </xsl:if>

    <!-- The survey link as a QR code (fcgi/qr.c builds the <svg>), for the requester's phone. -->
    <xsl:if test="$r/survey">
      <section class="card survey-qr" aria-labelledby="survey-title">
        <h2 id="survey-title"><xsl:call-template name="msg"><xsl:with-param name="key" select="'survey.qr-title'"/></xsl:call-template></h2>
        <p><xsl:call-template name="msg"><xsl:with-param name="key" select="'survey.qr-text'"/></xsl:call-template></p>
        <div class="qr-code"><xsl:copy-of select="$r/survey/*"/></div>
        <p><a class="survey-link" href="{$r/survey/@link}"><xsl:call-template name="msg"><xsl:with-param name="key" select="'survey.open-link'"/></xsl:call-template></a></p>
      </section>
    </xsl:if>

    <xsl:if test="string-length($r/@error) &gt; 0">
      <p class="form-error" role="alert">
        <xsl:call-template name="msg"><xsl:with-param name="key" select="$r/@error"/></xsl:call-template>
      </p>
    </xsl:if>

    <xsl:if test="$form">
      <section class="card" aria-labelledby="values-title">
        <h2 id="values-title"><xsl:call-template name="msg"><xsl:with-param name="key" select="'rq.values'"/></xsl:call-template></h2>
        <dl class="answers">
          <xsl:for-each select="$form/field[@type != 'file']">
            <div>
              <dt><xsl:apply-templates select="label" mode="bi"/></dt>
              <dd><xsl:call-template name="value-of-field"/></dd>
            </div>
          </xsl:for-each>
        </dl>
      </section>
    </xsl:if>

    <xsl:if test="$r/memos/memo">
      <section class="card memos" aria-labelledby="memos-title">
        <h2 id="memos-title"><xsl:call-template name="msg"><xsl:with-param name="key" select="'memo.title'"/></xsl:call-template></h2>
        <ul class="memo-list">
          <xsl:for-each select="$r/memos/memo">
            <li class="memo memo-{@direction}">
              <span class="memo-dir">
                <xsl:call-template name="msg">
                  <xsl:with-param name="key" select="concat('memo.', substring('inout', 1 + 2 * (@direction = 'outgoing'), 2 + (@direction = 'outgoing')))"/>
                </xsl:call-template>
              </span>
              <xsl:text> </xsl:text>
              <span class="memo-number"><xsl:value-of select="@number"/></span>
              <xsl:text> · </xsl:text>
              <time class="memo-date" datetime="{@date}">
                <xsl:call-template name="format-date">
                  <xsl:with-param name="date" select="@date"/>
                  <xsl:with-param name="be" select="'yes'"/>
                </xsl:call-template>
              </time>
              <xsl:text> · </xsl:text>
              <span class="memo-unit">
                <xsl:choose>
                  <xsl:when test="$L = 'en' and normalize-space(@unit-en) != ''"><xsl:value-of select="@unit-en"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="@unit-th"/></xsl:otherwise>
                </xsl:choose>
              </span>
              <xsl:text> · </xsl:text>
              <span class="memo-fy">
                <xsl:call-template name="msg">
                  <xsl:with-param name="key" select="'memo.fy'"/>
                  <xsl:with-param name="arg" select="@fiscal-year"/>
                </xsl:call-template>
              </span>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
    <xsl:call-template name="attachments"/>

    <xsl:call-template name="assignment"/>
    <xsl:call-template name="actions"/>

    <section class="card" aria-labelledby="progress-title">
      <h2 id="progress-title"><xsl:call-template name="msg"><xsl:with-param name="key" select="'prog.title'"/></xsl:call-template></h2>
      <ol class="progress">
        <xsl:for-each select="$p/steps/step">
          <xsl:variable name="id" select="string(@id)"/>
          <xsl:variable name="is-cur" select="$id = string($r/@step)"/>
          <xsl:variable name="seen" select="$r/events/event[@from = $id or @to = $id]"/>
          <li>
            <xsl:attribute name="class">
              <xsl:text>ps</xsl:text>
              <xsl:choose>
                <xsl:when test="$is-cur"> ps-current</xsl:when>
                <xsl:when test="$seen"> ps-passed</xsl:when>
                <xsl:otherwise> ps-todo</xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
            <xsl:if test="$is-cur"><xsl:attribute name="aria-current">step</xsl:attribute></xsl:if>
            <span class="ps-label"><xsl:apply-templates select="label" mode="bi"/></span>
            <xsl:choose>
              <xsl:when test="$is-cur">
                <xsl:text> </xsl:text>
                <span class="badge badge-current"><xsl:call-template name="msg"><xsl:with-param name="key" select="'prog.current'"/></xsl:call-template></span>
              </xsl:when>
              <xsl:when test="$seen">
                <span class="vh">
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="msg"><xsl:with-param name="key" select="'prog.passed'"/></xsl:call-template>
                </span>
              </xsl:when>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ol>
    </section>

    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title"><xsl:call-template name="msg"><xsl:with-param name="key" select="'hist.title'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="$r/events/event">
          <ol class="trail">
            <xsl:apply-templates select="$r/events/event"/>
          </ol>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="msg"><xsl:with-param name="key" select="'hist.empty'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>

    <xsl:if test="$al/@comment = 'yes'">
      <section class="card comment-box" aria-labelledby="comment-title">
        <h2 id="comment-title"><xsl:call-template name="msg"><xsl:with-param name="key" select="'act.comment-title'"/></xsl:call-template></h2>
        <xsl:call-template name="action-form">
          <xsl:with-param name="action" select="'comment'"/>
          <xsl:with-param name="note" select="'required'"/>
        </xsl:call-template>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- "22 พฤศจิกายน 2569 10:15 น." in a <time>. -->
  <xsl:template name="when">
    <xsl:param name="at"/>
    <time datetime="{translate($at, ' ', 'T')}">
      <xsl:call-template name="format-date">
        <xsl:with-param name="date" select="$at"/>
        <xsl:with-param name="be" select="'yes'"/>
      </xsl:call-template>
    </time>
  </xsl:template>

  <xsl:template name="status-badge">
    <xsl:param name="status"/>
    <span class="badge status status-{$status}">
      <xsl:call-template name="msg"><xsl:with-param name="key" select="concat('st.', $status)"/></xsl:call-template>
    </span>
  </xsl:template>

  <!-- The label of step $id, or the id itself. -->
  <xsl:template name="step-label">
    <xsl:param name="id"/>
    <xsl:variable name="s" select="key('rq-step', $id)"/>
    <xsl:choose>
      <xsl:when test="$s"><xsl:apply-templates select="$s[1]/label" mode="bi"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The filed value of the context field, readable: option labels, dates, "—" when empty. -->
  <xsl:template name="value-of-field">
    <xsl:variable name="n" select="string(@name)"/>
    <xsl:variable name="vs" select="$r/values/v[@name = $n][normalize-space(.) != '']"/>
    <xsl:variable name="fld" select="."/>
    <xsl:choose>
      <xsl:when test="not($vs)">
        <span class="muted"><xsl:call-template name="msg"><xsl:with-param name="key" select="'rq.empty'"/></xsl:call-template></span>
      </xsl:when>
      <xsl:when test="option">
        <xsl:for-each select="$vs">
          <xsl:variable name="v" select="string(.)"/>
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:choose>
            <xsl:when test="$fld/option[@value = $v]"><xsl:apply-templates select="$fld/option[@value = $v][1]" mode="bi"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="@type = 'checkbox' and $vs[1] = 'yes'">
        <xsl:call-template name="msg"><xsl:with-param name="key" select="'val.yes'"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="@type = 'date'">
        <xsl:call-template name="format-date">
          <xsl:with-param name="date" select="$vs[1]"/>
          <xsl:with-param name="be" select="'yes'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="@type = 'textarea'">
        <span class="user-text"><xsl:value-of select="$vs[1]"/></span>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$vs[1]"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What the reader may do now. -->
  <!-- Who the request is assigned to, the assign form, and a committee's approvals. -->
  <xsl:template name="assignment">
    <xsl:if test="$r/@assignee-th or $al/assign or $r/committee">
      <section class="card assignment" id="assignment" aria-labelledby="assignment-title">
        <h2 id="assignment-title"><xsl:call-template name="msg"><xsl:with-param name="key" select="'asg.title'"/></xsl:call-template></h2>
        <p class="assignee">
          <xsl:choose>
            <xsl:when test="$r/@assignee-th">
              <xsl:call-template name="msg">
                <xsl:with-param name="key" select="'asg.assigned-to'"/>
                <xsl:with-param name="arg"><xsl:call-template name="pname"><xsl:with-param name="th" select="$r/@assignee-th"/><xsl:with-param name="en" select="$r/@assignee-en"/></xsl:call-template></xsl:with-param>
              </xsl:call-template>
            </xsl:when>
            <xsl:when test="not($r/committee)">
              <xsl:call-template name="msg"><xsl:with-param name="key" select="'asg.nobody'"/></xsl:call-template>
            </xsl:when>
          </xsl:choose>
        </p>
        <xsl:if test="$al/assign/person">
          <form method="post" action="/requests/{$r/@number}" class="stack assign-form">
            <input type="hidden" name="csrf" value="{$r/session/@csrf}"/>
            <input type="hidden" name="version" value="{$r/@version}"/>
            <input type="hidden" name="action" value="assign"/>
            <p class="field">
              <label for="assign-arg"><xsl:call-template name="msg"><xsl:with-param name="key" select="'asg.to'"/></xsl:call-template></label>
              <select name="arg" id="assign-arg">
                <xsl:for-each select="$al/assign/person">
                  <option value="{@id}"><xsl:call-template name="pname"><xsl:with-param name="th" select="@name-th"/><xsl:with-param name="en" select="@name-en"/></xsl:call-template></option>
                </xsl:for-each>
              </select>
            </p>
            <p class="form-actions">
              <button type="submit" class="button">
                <xsl:call-template name="msg">
                  <xsl:with-param name="key" select="substring('asg.assignasg.take', 1 + 10 * not($al/assign/@any = 'yes'), 10 - 2 * not($al/assign/@any = 'yes'))"/>
                </xsl:call-template>
              </button>
            </p>
          </form>
        </xsl:if>
        <xsl:if test="$r/committee">
          <h3><xsl:call-template name="msg"><xsl:with-param name="key" select="'cmt.title'"/></xsl:call-template></h3>
          <ul class="committee">
            <xsl:for-each select="$r/committee/member">
              <li class="member member-{substring('awaitedapproved', 1 + 7 * (@approved = 'yes'), 7 + (@approved = 'yes'))}">
                <xsl:call-template name="pname"><xsl:with-param name="th" select="@name-th"/><xsl:with-param name="en" select="@name-en"/></xsl:call-template>
                <xsl:text>: </xsl:text>
                <xsl:choose>
                  <xsl:when test="@approved = 'yes'">
                    <xsl:call-template name="msg"><xsl:with-param name="key" select="'cmt.approved'"/></xsl:call-template>
                    <xsl:if test="@by-th">
                      <xsl:text> (</xsl:text>
                      <xsl:call-template name="msg">
                        <xsl:with-param name="key" select="'cmt.by'"/>
                        <xsl:with-param name="arg"><xsl:call-template name="pname"><xsl:with-param name="th" select="@by-th"/><xsl:with-param name="en" select="@by-en"/></xsl:call-template></xsl:with-param>
                      </xsl:call-template>
                      <xsl:text>)</xsl:text>
                    </xsl:if>
                  </xsl:when>
                  <xsl:otherwise><xsl:call-template name="msg"><xsl:with-param name="key" select="'cmt.awaited'"/></xsl:call-template></xsl:otherwise>
                </xsl:choose>
              </li>
            </xsl:for-each>
          </ul>
          <xsl:if test="$al/@voted = 'yes'">
            <p class="note"><xsl:call-template name="msg"><xsl:with-param name="key" select="'cmt.you-approved'"/></xsl:call-template></p>
          </xsl:if>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- A person's name in the page's language (Thai when there is no English one). -->
  <xsl:template name="pname">
    <xsl:param name="th"/>
    <xsl:param name="en"/>
    <xsl:choose>
      <xsl:when test="$L = 'en' and normalize-space($en) != ''"><xsl:value-of select="$en"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$th"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="actions">
    <xsl:variable name="any" select="$al/@complete = 'yes' or $al/@approve = 'yes' or $al/@reject = 'yes'
                                     or $al/@return = 'yes' or $al/@resubmit = 'yes' or $al/@rate = 'yes' or $al/branch"/>
    <xsl:choose>
      <xsl:when test="$any">
        <section class="card actions" id="actions" aria-labelledby="actions-title">
          <h2 id="actions-title"><xsl:call-template name="msg"><xsl:with-param name="key" select="'act.title'"/></xsl:call-template></h2>
          <xsl:if test="$r/@status = 'returned'">
            <xsl:variable name="ret" select="$r/events/event[@action = 'returned'][last()]"/>
            <xsl:if test="normalize-space($ret) != ''">
              <div class="returned-note">
                <p class="returned-note-title"><xsl:call-template name="msg"><xsl:with-param name="key" select="'act.returned-note'"/></xsl:call-template></p>
                <p class="user-text"><xsl:value-of select="$ret"/></p>
              </div>
            </xsl:if>
          </xsl:if>
          <xsl:if test="$cur and $r/@status = 'open'">
            <p class="action-step">
              <xsl:call-template name="msg">
                <xsl:with-param name="key" select="'act.this-step'"/>
                <xsl:with-param name="arg"><xsl:apply-templates select="$cur/label" mode="bi"/></xsl:with-param>
              </xsl:call-template>
            </p>
          </xsl:if>
          <xsl:if test="$al/on-behalf">
            <p class="on-behalf note">
              <xsl:call-template name="msg">
                <xsl:with-param name="key" select="'sub.acting-for'"/>
                <xsl:with-param name="arg"><xsl:call-template name="pname"><xsl:with-param name="th" select="$al/on-behalf/@name-th"/><xsl:with-param name="en" select="$al/on-behalf/@name-en"/></xsl:call-template></xsl:with-param>
              </xsl:call-template>
            </p>
          </xsl:if>
          <xsl:if test="$al/branch">
            <p class="action-intro"><xsl:call-template name="msg"><xsl:with-param name="key" select="'act.decide'"/></xsl:call-template></p>
            <div class="branch-forms">
              <xsl:for-each select="$al/branch">
                <xsl:call-template name="action-form">
                  <xsl:with-param name="action" select="'branch'"/>
                  <xsl:with-param name="arg" select="string(@to)"/>
                </xsl:call-template>
              </xsl:for-each>
            </div>
          </xsl:if>
          <xsl:if test="$al/@complete = 'yes'">
            <xsl:call-template name="action-form"><xsl:with-param name="action" select="'complete'"/></xsl:call-template>
          </xsl:if>
          <xsl:if test="$al/@approve = 'yes'">
            <xsl:call-template name="action-form"><xsl:with-param name="action" select="'approve'"/></xsl:call-template>
          </xsl:if>
          <xsl:if test="$al/@rate = 'yes'">
            <xsl:call-template name="action-form"><xsl:with-param name="action" select="'rate'"/></xsl:call-template>
          </xsl:if>
          <xsl:if test="$al/@resubmit = 'yes'">
            <xsl:call-template name="action-form">
              <xsl:with-param name="action" select="'resubmit'"/>
              <xsl:with-param name="note" select="'open'"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:if test="$al/@reject = 'yes'">
            <xsl:call-template name="action-form">
              <xsl:with-param name="action" select="'reject'"/>
              <xsl:with-param name="note" select="'required'"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:if test="$al/@return = 'yes'">
            <details class="action-more">
              <summary><xsl:call-template name="msg"><xsl:with-param name="key" select="'act.return'"/></xsl:call-template></summary>
              <xsl:call-template name="action-form">
                <xsl:with-param name="action" select="'return'"/>
                <xsl:with-param name="note" select="'required'"/>
              </xsl:call-template>
            </details>
          </xsl:if>
        </section>
      </xsl:when>
      <xsl:when test="$r/@status = 'open'">
        <p class="note action-none"><xsl:call-template name="msg"><xsl:with-param name="key" select="'act.none'"/></xsl:call-template></p>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!--
    One action form. note: 'optional' (a textarea behind "add a note"), 'open' (a textarea,
    optional), 'required' (a required textarea with a hint).
  -->
  <xsl:template name="action-form">
    <xsl:param name="action"/>
    <xsl:param name="arg"/>
    <xsl:param name="note" select="'optional'"/>
    <xsl:variable name="id">
      <xsl:value-of select="$action"/>
      <xsl:if test="$arg != ''">-<xsl:value-of select="$arg"/></xsl:if>
    </xsl:variable>
    <form method="post" action="/requests/{$r/@number}" class="stack action-form action-{$action}">
      <input type="hidden" name="csrf" value="{$r/session/@csrf}"/>
      <input type="hidden" name="version" value="{$r/@version}"/>
      <input type="hidden" name="action" value="{$action}"/>
      <xsl:if test="$action = 'branch'">
        <input type="hidden" name="arg" value="{$arg}"/>
      </xsl:if>
      <xsl:if test="$action = 'complete' or $action = 'approve' or $action = 'reject' or $action = 'branch'">
        <xsl:choose>
          <xsl:when test="$cur/@memo = 'incoming'">
            <p class="field memo-field">
              <label for="memo-{$id}">
                <xsl:call-template name="msg"><xsl:with-param name="key" select="'memo.field'"/></xsl:call-template>
                <span class="req-mark" aria-hidden="true"> *</span>
                <span class="vh"><xsl:text> </xsl:text><xsl:call-template name="msg"><xsl:with-param name="key" select="'field.required-mark'"/></xsl:call-template></span>
              </label>
              <span class="field-hint" id="memo-{$id}-h"><xsl:call-template name="msg"><xsl:with-param name="key" select="'memo.field-hint'"/></xsl:call-template></span>
              <input type="text" name="memo_number" id="memo-{$id}" maxlength="60" required="required"
                     aria-describedby="memo-{$id}-h" value="{$r/values/v[@name = 'memo_number'][1]}"/>
            </p>
          </xsl:when>
          <xsl:when test="$cur/@memo = 'outgoing'">
            <p class="note memo-reserve"><xsl:call-template name="msg"><xsl:with-param name="key" select="'memo.reserve'"/></xsl:call-template></p>
          </xsl:when>
        </xsl:choose>
      </xsl:if>
      <xsl:if test="$action = 'rate'">
        <fieldset class="field field-choices rating" role="radiogroup">
          <legend>
            <xsl:call-template name="msg"><xsl:with-param name="key" select="'rate.legend'"/></xsl:call-template>
            <span class="req-mark" aria-hidden="true"> *</span>
            <span class="vh"><xsl:text> </xsl:text><xsl:call-template name="msg"><xsl:with-param name="key" select="'field.required-mark'"/></xsl:call-template></span>
          </legend>
          <xsl:call-template name="rate-option"><xsl:with-param name="n" select="5"/></xsl:call-template>
          <xsl:call-template name="rate-option"><xsl:with-param name="n" select="4"/></xsl:call-template>
          <xsl:call-template name="rate-option"><xsl:with-param name="n" select="3"/></xsl:call-template>
          <xsl:call-template name="rate-option"><xsl:with-param name="n" select="2"/></xsl:call-template>
          <xsl:call-template name="rate-option"><xsl:with-param name="n" select="1"/></xsl:call-template>
        </fieldset>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$note = 'optional'">
          <details class="note-more">
            <summary><xsl:call-template name="msg"><xsl:with-param name="key" select="'act.note-add'"/></xsl:call-template></summary>
            <xsl:call-template name="note-field"><xsl:with-param name="id" select="$id"/></xsl:call-template>
          </details>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="note-field">
            <xsl:with-param name="id" select="$id"/>
            <xsl:with-param name="required" select="$note = 'required'"/>
            <xsl:with-param name="hint" select="concat('act.hint.', $action)"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <p class="form-actions">
        <button type="submit">
          <xsl:attribute name="class">
            <xsl:text>button</xsl:text>
            <xsl:choose>
              <xsl:when test="$action = 'reject'"> button-danger</xsl:when>
              <xsl:when test="$action = 'return' or $action = 'comment'"> button-secondary</xsl:when>
            </xsl:choose>
          </xsl:attribute>
          <xsl:choose>
            <xsl:when test="$action = 'branch'">
              <xsl:variable name="b" select="$cur/branch[@to = $arg]"/>
              <xsl:choose>
                <xsl:when test="$b"><xsl:apply-templates select="$b[1]/label" mode="bi"/></xsl:when>
                <xsl:otherwise><xsl:call-template name="step-label"><xsl:with-param name="id" select="$arg"/></xsl:call-template></xsl:otherwise>
              </xsl:choose>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="msg"><xsl:with-param name="key" select="concat('act.', $action)"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </button>
        <xsl:if test="$action = 'branch'">
          <span class="branch-next">
            <xsl:call-template name="msg">
              <xsl:with-param name="key" select="'act.next'"/>
              <xsl:with-param name="arg"><xsl:call-template name="step-label"><xsl:with-param name="id" select="$arg"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </span>
        </xsl:if>
      </p>
    </form>
  </xsl:template>

  <xsl:template name="note-field">
    <xsl:param name="id"/>
    <xsl:param name="required" select="false()"/>
    <xsl:param name="hint"/>
    <p class="field">
      <label for="note-{$id}">
        <xsl:call-template name="msg"><xsl:with-param name="key" select="'act.note-label'"/></xsl:call-template>
        <xsl:if test="$required">
          <span class="req-mark" aria-hidden="true"> *</span>
          <span class="vh"><xsl:text> </xsl:text><xsl:call-template name="msg"><xsl:with-param name="key" select="'field.required-mark'"/></xsl:call-template></span>
        </xsl:if>
      </label>
      <xsl:if test="$hint != ''">
        <span class="field-hint" id="note-{$id}-h"><xsl:call-template name="msg"><xsl:with-param name="key" select="$hint"/></xsl:call-template></span>
      </xsl:if>
      <textarea name="note" id="note-{$id}" rows="3" maxlength="{$note-max}">
        <xsl:if test="$required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="$hint != ''"><xsl:attribute name="aria-describedby">note-<xsl:value-of select="$id"/>-h</xsl:attribute></xsl:if>
      </textarea>
    </p>
  </xsl:template>

  <xsl:template name="rate-option">
    <xsl:param name="n"/>
    <span class="choice">
      <input type="radio" name="arg" value="{$n}" id="rate-{$n}" required="required"/>
      <label for="rate-{$n}">
        <span class="rate-n"><xsl:value-of select="$n"/></span>
        <xsl:text> </xsl:text>
        <xsl:call-template name="msg"><xsl:with-param name="key" select="concat('rate.', $n)"/></xsl:call-template>
      </label>
    </span>
  </xsl:template>

  <!-- The files of the request, and the form to add one. -->
  <xsl:template name="attachments">
    <xsl:variable name="att" select="$r/attachments"/>
    <section class="card attachments" id="attachments" aria-labelledby="attachments-title">
      <h2 id="attachments-title"><xsl:call-template name="msg"><xsl:with-param name="key" select="'att.title'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="$att/file">
          <ul class="attachment-list">
            <xsl:for-each select="$att/file">
              <xsl:variable name="who">
                <xsl:choose>
                  <xsl:when test="$L = 'en' and normalize-space(@who-en) != ''"><xsl:value-of select="@who-en"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="@who-th"/></xsl:otherwise>
                </xsl:choose>
              </xsl:variable>
              <li class="attachment">
                <a class="attachment-name" href="/requests/{$r/@number}/attachments/{@id}" download="{@name}">
                  <xsl:value-of select="@name"/>
                </a>
                <xsl:text> </xsl:text>
                <span class="attachment-size">
                  <xsl:call-template name="file-size"><xsl:with-param name="bytes" select="number(@size)"/></xsl:call-template>
                </span>
                <span class="attachment-meta">
                  <xsl:value-of select="$who"/>
                  <xsl:text> · </xsl:text>
                  <xsl:call-template name="when"><xsl:with-param name="at" select="@at"/></xsl:call-template>
                </span>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="msg"><xsl:with-param name="key" select="'att.empty'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$att/@may-upload = 'yes'">
        <form method="post" action="/requests/{$r/@number}/attachments" enctype="multipart/form-data" class="stack attachment-form">
          <input type="hidden" name="csrf" value="{$r/session/@csrf}"/>
          <p class="field">
            <label for="attachment-file">
              <xsl:call-template name="msg"><xsl:with-param name="key" select="'att.file-label'"/></xsl:call-template>
            </label>
            <span class="field-hint" id="attachment-file-h">
              <xsl:call-template name="msg">
                <xsl:with-param name="key" select="'att.hint'"/>
                <xsl:with-param name="arg" select="$att/@max"/>
              </xsl:call-template>
            </span>
            <input type="file" name="file" id="attachment-file" required="required" aria-describedby="attachment-file-h"
                   accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.txt,.doc,.docx,.xls,.xlsx,.pptx,application/pdf,image/png,image/jpeg,image/gif,image/webp,text/plain"/>
          </p>
          <p class="form-actions">
            <button type="submit" class="button button-secondary">
              <xsl:call-template name="msg"><xsl:with-param name="key" select="'att.button'"/></xsl:call-template>
            </button>
          </p>
        </form>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- "840 KB", "2.4 MB" (1 KB = 1,024 bytes); under 1 KB counts as 1 KB. -->
  <xsl:template name="file-size">
    <xsl:param name="bytes"/>
    <xsl:choose>
      <xsl:when test="$bytes &gt;= 1048576">
        <xsl:call-template name="msg">
          <xsl:with-param name="key" select="'att.mb'"/>
          <xsl:with-param name="arg" select="format-number($bytes div 1048576, '#,##0.0')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="msg">
          <xsl:with-param name="key" select="'att.kb'"/>
          <xsl:with-param name="arg" select="format-number(ceiling($bytes div 1024), '#,##0')"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One line of the history. -->
  <xsl:template match="event">
    <xsl:variable name="who">
      <xsl:choose>
        <xsl:when test="$L = 'en' and normalize-space(@who-en) != ''"><xsl:value-of select="@who-en"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@who-th"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <li class="ev ev-{@action}">
      <p class="ev-head">
        <xsl:call-template name="when"><xsl:with-param name="at" select="@at"/></xsl:call-template>
        <xsl:text> · </xsl:text>
        <span class="ev-who">
          <xsl:choose>
            <xsl:when test="normalize-space($who) != ''"><xsl:value-of select="$who"/></xsl:when>
            <xsl:otherwise><xsl:call-template name="msg"><xsl:with-param name="key" select="'who.system'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </span>
      </p>
      <p class="ev-what">
        <strong><xsl:call-template name="msg"><xsl:with-param name="key" select="concat('ev.', @action)"/></xsl:call-template></strong>
        <xsl:if test="string(@from) != '' or string(@to) != ''">
          <span class="ev-steps">
            <xsl:choose>
              <xsl:when test="string(@from) != '' and string(@to) != '' and @from != @to">
                <xsl:call-template name="step-label"><xsl:with-param name="id" select="@from"/></xsl:call-template>
                <span class="arrow"> → </span>
                <xsl:call-template name="step-label"><xsl:with-param name="id" select="@to"/></xsl:call-template>
              </xsl:when>
              <xsl:when test="string(@to) != ''">
                <xsl:call-template name="step-label"><xsl:with-param name="id" select="@to"/></xsl:call-template>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="step-label"><xsl:with-param name="id" select="@from"/></xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </span>
        </xsl:if>
      </p>
      <xsl:if test="@assignee-th">
        <p class="ev-assignee">
          <xsl:call-template name="msg">
            <xsl:with-param name="key" select="'asg.assigned-to'"/>
            <xsl:with-param name="arg"><xsl:call-template name="pname"><xsl:with-param name="th" select="@assignee-th"/><xsl:with-param name="en" select="@assignee-en"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </p>
      </xsl:if>
      <xsl:if test="@for-th">
        <p class="ev-for">
          <xsl:call-template name="msg">
            <xsl:with-param name="key" select="'sub.on-behalf'"/>
            <xsl:with-param name="arg"><xsl:call-template name="pname"><xsl:with-param name="th" select="@for-th"/><xsl:with-param name="en" select="@for-en"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </p>
      </xsl:if>
      <xsl:if test="normalize-space(.) != ''">
        <p class="ev-note user-text"><xsl:value-of select="."/></p>
      </xsl:if>
    </li>
  </xsl:template>
</xsl:stylesheet>
