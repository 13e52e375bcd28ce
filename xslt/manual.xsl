<?xml version="1.0" encoding="UTF-8"?>
<!--
  The manual page of one process. Input: <manual updated="YYYY-MM-DD"><process …/></manual>.
  Sections, each <section id="…"> with an h2, in this order: objective, scope, definitions,
  responsibilities, steps, flowchart, forms, references, time-limit.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>
  <xsl:include href="flowchart.xsl"/>

  <xsl:key name="man-step" match="step" use="concat(generate-id(../..), '|', @id)"/>

  <xsl:variable name="p" select="/manual/process[1]"/>
  <xsl:variable name="pid" select="generate-id($p)"/>

  <xsl:template name="page-class">page-manual</xsl:template>

  <xsl:template name="page-title">
    <xsl:apply-templates select="$p/title" mode="bi"/>
  </xsl:template>

  <xsl:template name="page-main">
    <xsl:for-each select="$p">
      <header class="page-head">
        <p class="kicker">
          <a href="{$catalogue-url}#group-{@group}">
            <xsl:call-template name="msg"><xsl:with-param name="key" select="concat('group.', @group)"/></xsl:call-template>
          </a>
          <xsl:text> · </xsl:text>
          <xsl:call-template name="msg"><xsl:with-param name="key" select="'man.kicker'"/></xsl:call-template>
        </p>
        <h1><xsl:apply-templates select="title" mode="bi"/></h1>
        <p class="lead"><xsl:apply-templates select="summary" mode="bi"/></p>
        <p class="entry-meta">
          <span class="time-limit">
            <span class="meta-label"><xsl:call-template name="msg"><xsl:with-param name="key" select="'tl.label'"/></xsl:call-template></span>
            <xsl:text> </xsl:text>
            <xsl:call-template name="time-limit-text"/>
          </span>
          <xsl:if test="@public = 'true' or @public = '1'">
            <xsl:text> </xsl:text>
            <span class="badge badge-public">
              <xsl:attribute name="title">
                <xsl:call-template name="msg"><xsl:with-param name="key" select="'badge.public-title'"/></xsl:call-template>
              </xsl:attribute>
              <xsl:call-template name="msg"><xsl:with-param name="key" select="'badge.public'"/></xsl:call-template>
            </span>
          </xsl:if>
        </p>
        <dl class="facts">
          <div>
            <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'man.source'"/></xsl:call-template></dt>
            <xsl:for-each select="source">
              <dd class="source">
                <xsl:apply-templates select="." mode="bi"/>
                <xsl:if test="@document and not(contains(th, @document))">
                  <xsl:text> (</xsl:text>
                  <xsl:call-template name="msg">
                    <xsl:with-param name="key" select="'man.source-document'"/>
                    <xsl:with-param name="arg" select="@document"/>
                  </xsl:call-template>
                  <xsl:text>)</xsl:text>
                </xsl:if>
              </dd>
            </xsl:for-each>
          </div>
          <div>
            <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'man.code'"/></xsl:call-template></dt>
            <dd><code><xsl:value-of select="@code"/></code>
              <xsl:text> · </xsl:text>
              <xsl:call-template name="msg"><xsl:with-param name="key" select="'man.version'"/></xsl:call-template>
              <xsl:text> </xsl:text><xsl:value-of select="@version"/>
              <xsl:text> · </xsl:text>
              <a class="xml-link" href="/processes/{@code}.xml" type="application/xml">
                <xsl:call-template name="msg"><xsl:with-param name="key" select="'man.xml'"/></xsl:call-template>
              </a>
            </dd>
          </div>
        </dl>
        <xsl:if test="@group = 'service'">
          <p class="request-cta">
            <a class="button" href="/processes/{@code}/request">
              <xsl:call-template name="msg"><xsl:with-param name="key" select="'man.request'"/></xsl:call-template>
            </a>
          </p>
        </xsl:if>
        <xsl:if test="/manual/@updated">
          <p class="updated">
            <time datetime="{/manual/@updated}">
              <xsl:call-template name="updated-text"><xsl:with-param name="date" select="/manual/@updated"/></xsl:call-template>
            </time>
          </p>
        </xsl:if>
        <nav class="toc">
          <xsl:attribute name="aria-label">
            <xsl:call-template name="msg"><xsl:with-param name="key" select="'man.toc'"/></xsl:call-template>
          </xsl:attribute>
          <h2 class="toc-title"><xsl:call-template name="msg"><xsl:with-param name="key" select="'man.toc'"/></xsl:call-template></h2>
          <ol>
            <xsl:call-template name="toc-item"><xsl:with-param name="id" select="'objective'"/></xsl:call-template>
            <xsl:call-template name="toc-item"><xsl:with-param name="id" select="'scope'"/></xsl:call-template>
            <xsl:call-template name="toc-item"><xsl:with-param name="id" select="'definitions'"/></xsl:call-template>
            <xsl:call-template name="toc-item"><xsl:with-param name="id" select="'responsibilities'"/></xsl:call-template>
            <xsl:call-template name="toc-item"><xsl:with-param name="id" select="'steps'"/></xsl:call-template>
            <xsl:call-template name="toc-item"><xsl:with-param name="id" select="'flowchart'"/></xsl:call-template>
            <xsl:call-template name="toc-item"><xsl:with-param name="id" select="'forms'"/></xsl:call-template>
            <xsl:call-template name="toc-item"><xsl:with-param name="id" select="'references'"/></xsl:call-template>
            <xsl:call-template name="toc-item"><xsl:with-param name="id" select="'time-limit'"/></xsl:call-template>
          </ol>
        </nav>
      </header>

      <section id="objective" class="man-section">
        <xsl:call-template name="h2"><xsl:with-param name="id" select="'objective'"/></xsl:call-template>
        <xsl:apply-templates select="objective/p"/>
      </section>

      <section id="scope" class="man-section">
        <xsl:call-template name="h2"><xsl:with-param name="id" select="'scope'"/></xsl:call-template>
        <xsl:apply-templates select="scope/p"/>
      </section>

      <section id="definitions" class="man-section">
        <xsl:call-template name="h2"><xsl:with-param name="id" select="'definitions'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="definitions/term">
            <dl class="terms">
              <xsl:for-each select="definitions/term">
                <div>
                  <dt><xsl:apply-templates select="name" mode="bi"/></dt>
                  <dd><xsl:apply-templates select="meaning" mode="bi"/></dd>
                </div>
              </xsl:for-each>
            </dl>
          </xsl:when>
          <xsl:otherwise>
            <p class="empty"><xsl:call-template name="msg"><xsl:with-param name="key" select="'man.no-definitions'"/></xsl:call-template></p>
          </xsl:otherwise>
        </xsl:choose>
      </section>

      <section id="responsibilities" class="man-section">
        <xsl:call-template name="h2"><xsl:with-param name="id" select="'responsibilities'"/></xsl:call-template>
        <dl class="roles">
          <xsl:for-each select="roles/role">
            <div class="role role-{@id}">
              <dt><xsl:call-template name="role-name"><xsl:with-param name="id" select="@id"/></xsl:call-template></dt>
              <dd><xsl:apply-templates select="duty" mode="bi"/></dd>
            </div>
          </xsl:for-each>
        </dl>
      </section>

      <section id="steps" class="man-section">
        <xsl:call-template name="h2"><xsl:with-param name="id" select="'steps'"/></xsl:call-template>
        <ol class="steps">
          <xsl:apply-templates select="steps/step"/>
        </ol>
      </section>

      <section id="flowchart" class="man-section">
        <xsl:call-template name="h2"><xsl:with-param name="id" select="'flowchart'"/></xsl:call-template>
        <xsl:call-template name="flowchart"/>
        <xsl:call-template name="fc-legend"/>
      </section>

      <section id="forms" class="man-section">
        <xsl:call-template name="h2"><xsl:with-param name="id" select="'forms'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="forms/form">
            <xsl:apply-templates select="forms/form"/>
          </xsl:when>
          <xsl:otherwise>
            <p class="empty"><xsl:call-template name="msg"><xsl:with-param name="key" select="'man.no-forms'"/></xsl:call-template></p>
          </xsl:otherwise>
        </xsl:choose>
      </section>

      <section id="references" class="man-section">
        <xsl:call-template name="h2"><xsl:with-param name="id" select="'references'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="references/reference">
            <ul class="references">
              <xsl:for-each select="references/reference">
                <li><xsl:apply-templates select="." mode="bi"/></li>
              </xsl:for-each>
            </ul>
          </xsl:when>
          <xsl:otherwise>
            <p class="empty"><xsl:call-template name="msg"><xsl:with-param name="key" select="'man.no-references'"/></xsl:call-template></p>
          </xsl:otherwise>
        </xsl:choose>
      </section>

      <section id="time-limit" class="man-section">
        <xsl:call-template name="h2"><xsl:with-param name="id" select="'time-limit'"/></xsl:call-template>
        <p class="time-limit-big"><xsl:call-template name="time-limit-text"/></p>
        <xsl:if test="time-limit/note">
          <p><xsl:apply-templates select="time-limit/note" mode="bi"/></p>
        </xsl:if>
        <p class="muted">
          <xsl:choose>
            <xsl:when test="time-limit/@immediate = 'true'">
              <xsl:call-template name="msg"><xsl:with-param name="key" select="'tl.explain-immediate'"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="msg"><xsl:with-param name="key" select="'tl.explain'"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </p>
      </section>

      <p class="back">
        <a href="{$catalogue-url}">
          <xsl:call-template name="msg"><xsl:with-param name="key" select="'man.back'"/></xsl:call-template>
        </a>
      </p>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="h2">
    <xsl:param name="id"/>
    <h2><xsl:call-template name="msg"><xsl:with-param name="key" select="concat('sec.', $id)"/></xsl:call-template></h2>
  </xsl:template>

  <xsl:template name="toc-item">
    <xsl:param name="id"/>
    <li>
      <a href="#{$id}"><xsl:call-template name="msg"><xsl:with-param name="key" select="concat('sec.', $id)"/></xsl:call-template></a>
    </li>
  </xsl:template>

  <xsl:template match="p">
    <p><xsl:apply-templates select="." mode="bi"/></p>
  </xsl:template>

  <!-- The label of step id $to of this process, linked to its item in the list. -->
  <xsl:template name="step-link">
    <xsl:param name="to"/>
    <xsl:variable name="t" select="key('man-step', concat($pid, '|', $to))"/>
    <a href="#step-{$to}">
      <span class="step-no"><xsl:value-of select="count($t/preceding-sibling::step) + 1"/></span>
      <xsl:text> </xsl:text>
      <xsl:apply-templates select="$t/label" mode="bi"/>
    </a>
  </xsl:template>

  <xsl:template match="step">
    <xsl:variable name="pos" select="count(preceding-sibling::step) + 1"/>
    <li id="step-{@id}" class="step-item kind-{@kind}">
      <h3 class="step-label">
        <span class="step-no"><xsl:value-of select="$pos"/></span>
        <xsl:text> </xsl:text>
        <xsl:apply-templates select="label" mode="bi"/>
      </h3>
      <dl class="step-meta">
        <div>
          <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'step.actor'"/></xsl:call-template></dt>
          <dd><xsl:call-template name="role-name"><xsl:with-param name="id" select="@actor"/></xsl:call-template></dd>
        </div>
        <div>
          <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'step.kind'"/></xsl:call-template></dt>
          <dd><span class="kind kind-{@kind}"><xsl:call-template name="msg"><xsl:with-param name="key" select="concat('kind.', @kind)"/></xsl:call-template></span></dd>
        </div>
        <xsl:if test="@working-days">
          <div>
            <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'step.days'"/></xsl:call-template></dt>
            <dd>
              <xsl:choose>
                <xsl:when test="number(@working-days) = 1">
                  <xsl:call-template name="msg"><xsl:with-param name="key" select="'step.days-1'"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:call-template name="msg">
                    <xsl:with-param name="key" select="'step.days-n'"/>
                    <xsl:with-param name="arg" select="@working-days"/>
                  </xsl:call-template>
                </xsl:otherwise>
              </xsl:choose>
            </dd>
          </div>
        </xsl:if>
        <xsl:if test="approvers/approver">
          <div>
            <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'step.approvers'"/></xsl:call-template></dt>
            <dd>
              <xsl:for-each select="approvers/approver">
                <xsl:if test="position() &gt; 1">, </xsl:if>
                <xsl:call-template name="role-name"><xsl:with-param name="id" select="@role"/></xsl:call-template>
                <xsl:if test="@field">
                  <xsl:variable name="f" select="@field"/>
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="msg">
                    <xsl:with-param name="key" select="'step.approver-field'"/>
                    <xsl:with-param name="arg">
                      <xsl:choose>
                        <xsl:when test="$p/forms/form/field[@name = $f]">
                          <xsl:apply-templates select="($p/forms/form/field[@name = $f])[1]/label" mode="bi"/>
                        </xsl:when>
                        <xsl:otherwise><xsl:value-of select="$f"/></xsl:otherwise>
                      </xsl:choose>
                    </xsl:with-param>
                  </xsl:call-template>
                </xsl:if>
              </xsl:for-each>
              <xsl:if test="count(approvers/approver) &gt; 1">
                <xsl:text> (</xsl:text>
                <xsl:call-template name="msg"><xsl:with-param name="key" select="concat('step.approvers-', approvers/@mode)"/></xsl:call-template>
                <xsl:text>)</xsl:text>
              </xsl:if>
            </dd>
          </div>
        </xsl:if>
        <xsl:if test="@notify">
          <div>
            <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'step.notify'"/></xsl:call-template></dt>
            <dd><xsl:call-template name="role-name"><xsl:with-param name="id" select="@notify"/></xsl:call-template></dd>
          </div>
        </xsl:if>
        <xsl:if test="@memo">
          <div>
            <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'step.memo'"/></xsl:call-template></dt>
            <dd><xsl:call-template name="msg"><xsl:with-param name="key" select="concat('memo.', @memo)"/></xsl:call-template></dd>
          </div>
        </xsl:if>
      </dl>
      <xsl:if test="detail">
        <p class="step-detail"><xsl:apply-templates select="detail" mode="bi"/></p>
      </xsl:if>
      <xsl:if test="@may-return = 'true' or @may-return = '1'">
        <p class="may-return"><xsl:call-template name="msg"><xsl:with-param name="key" select="'step.may-return'"/></xsl:call-template></p>
      </xsl:if>
      <xsl:if test="branch">
        <div class="branches">
          <p class="branches-title"><xsl:call-template name="msg"><xsl:with-param name="key" select="'step.branches'"/></xsl:call-template></p>
          <ul>
            <xsl:for-each select="branch">
              <li>
                <span class="branch-label"><xsl:apply-templates select="label" mode="bi"/></span>
                <xsl:if test="@field and @equals">
                  <xsl:variable name="f" select="@field"/>
                  <xsl:variable name="v" select="@equals"/>
                  <xsl:variable name="fld" select="($p/forms/form/field[@name = $f])[1]"/>
                  <span class="branch-cond">
                    <xsl:text> (</xsl:text>
                    <xsl:call-template name="msg"><xsl:with-param name="key" select="'step.when'"/></xsl:call-template>
                    <xsl:text> “</xsl:text>
                    <xsl:choose>
                      <xsl:when test="$fld"><xsl:apply-templates select="$fld/label" mode="bi"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="$f"/></xsl:otherwise>
                    </xsl:choose>
                    <xsl:text>” = “</xsl:text>
                    <xsl:choose>
                      <xsl:when test="$fld/option[@value = $v]"><xsl:apply-templates select="$fld/option[@value = $v][1]" mode="bi"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
                    </xsl:choose>
                    <xsl:text>”)</xsl:text>
                  </span>
                </xsl:if>
                <span class="arrow" aria-hidden="true"> → </span>
                <xsl:call-template name="step-link"><xsl:with-param name="to" select="@to"/></xsl:call-template>
              </li>
            </xsl:for-each>
          </ul>
        </div>
      </xsl:if>
      <xsl:if test="next and next/@to != following-sibling::step[1]/@id">
        <p class="step-next">
          <xsl:call-template name="msg"><xsl:with-param name="key" select="'step.next'"/></xsl:call-template>
          <span class="arrow" aria-hidden="true"> → </span>
          <xsl:call-template name="step-link"><xsl:with-param name="to" select="next/@to"/></xsl:call-template>
        </p>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template match="form">
    <section class="form" id="form-{@id}">
      <h3><xsl:apply-templates select="title" mode="bi"/></h3>
      <dl class="facts">
        <xsl:if test="@document">
          <div>
            <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'form.document'"/></xsl:call-template></dt>
            <dd><code><xsl:value-of select="@document"/></code></dd>
          </div>
        </xsl:if>
        <div>
          <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'form.step'"/></xsl:call-template></dt>
          <dd>
            <xsl:choose>
              <xsl:when test="key('man-step', concat($pid, '|', @step))">
                <xsl:call-template name="step-link"><xsl:with-param name="to" select="@step"/></xsl:call-template>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="msg"><xsl:with-param name="key" select="'form.request'"/></xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </dd>
        </div>
      </dl>
      <div class="table-wrap">
        <table class="fields">
          <thead>
            <tr>
              <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'form.col.field'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'form.col.type'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'form.col.required'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'form.col.constraints'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'form.col.options'"/></xsl:call-template></th>
            </tr>
          </thead>
          <tbody>
            <xsl:apply-templates select="field"/>
          </tbody>
        </table>
      </div>
    </section>
  </xsl:template>

  <xsl:template match="field">
    <xsl:variable name="req" select="@required = 'true' or @required = '1'"/>
    <tr>
      <th scope="row" class="field-label">
        <xsl:apply-templates select="label" mode="bi"/>
        <xsl:if test="help">
          <span class="field-help"><xsl:apply-templates select="help" mode="bi"/></span>
        </xsl:if>
      </th>
      <td><xsl:call-template name="msg"><xsl:with-param name="key" select="concat('type.', @type)"/></xsl:call-template></td>
      <td class="req-{$req}">
        <xsl:choose>
          <xsl:when test="$req"><xsl:call-template name="msg"><xsl:with-param name="key" select="'form.yes'"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:call-template name="msg"><xsl:with-param name="key" select="'form.no'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </td>
      <td class="constraints">
        <xsl:choose>
          <xsl:when test="@min-length or @max-length or @min or @max or @pattern or @multiple = 'true'">
            <ul class="plain">
              <xsl:if test="@min-length">
                <li><xsl:call-template name="msg"><xsl:with-param name="key" select="'c.min-length'"/><xsl:with-param name="arg" select="@min-length"/></xsl:call-template></li>
              </xsl:if>
              <xsl:if test="@max-length">
                <li><xsl:call-template name="msg"><xsl:with-param name="key" select="'c.max-length'"/><xsl:with-param name="arg" select="@max-length"/></xsl:call-template></li>
              </xsl:if>
              <xsl:if test="@min">
                <li><xsl:call-template name="msg"><xsl:with-param name="key" select="'c.min'"/><xsl:with-param name="arg" select="@min"/></xsl:call-template></li>
              </xsl:if>
              <xsl:if test="@max">
                <li><xsl:call-template name="msg"><xsl:with-param name="key" select="'c.max'"/><xsl:with-param name="arg" select="@max"/></xsl:call-template></li>
              </xsl:if>
              <xsl:if test="@pattern">
                <li>
                  <xsl:call-template name="msg"><xsl:with-param name="key" select="'c.pattern'"/></xsl:call-template>
                  <xsl:text> </xsl:text>
                  <code class="pattern"><xsl:value-of select="@pattern"/></code>
                </li>
              </xsl:if>
              <xsl:if test="@multiple = 'true'">
                <li><xsl:call-template name="msg"><xsl:with-param name="key" select="'c.multiple'"/></xsl:call-template></li>
              </xsl:if>
            </ul>
          </xsl:when>
          <xsl:otherwise><span class="muted"><xsl:call-template name="msg"><xsl:with-param name="key" select="'c.none'"/></xsl:call-template></span></xsl:otherwise>
        </xsl:choose>
      </td>
      <td class="options">
        <xsl:choose>
          <xsl:when test="option">
            <ul class="plain">
              <xsl:for-each select="option">
                <li><xsl:apply-templates select="." mode="bi"/></li>
              </xsl:for-each>
            </ul>
          </xsl:when>
          <xsl:otherwise><span class="muted"><xsl:call-template name="msg"><xsl:with-param name="key" select="'c.none'"/></xsl:call-template></span></xsl:otherwise>
        </xsl:choose>
      </td>
    </tr>
  </xsl:template>

  <!-- What the shapes of the flow chart mean. -->
  <xsl:template name="fc-legend">
    <div class="fc-legend">
      <p class="fc-legend-title"><xsl:call-template name="msg"><xsl:with-param name="key" select="'fc.legend'"/></xsl:call-template></p>
      <ul>
        <xsl:call-template name="legend-item"><xsl:with-param name="k" select="'terminal'"/></xsl:call-template>
        <xsl:call-template name="legend-item"><xsl:with-param name="k" select="'task'"/></xsl:call-template>
        <xsl:if test="steps/step[@kind = 'automatic']">
          <xsl:call-template name="legend-item"><xsl:with-param name="k" select="'automatic'"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="steps/step[@kind = 'notification']">
          <xsl:call-template name="legend-item"><xsl:with-param name="k" select="'notification'"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="steps/step[@kind = 'survey']">
          <xsl:call-template name="legend-item"><xsl:with-param name="k" select="'survey'"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="steps/step[@kind = 'decision' or @kind = 'approval']">
          <xsl:call-template name="legend-item"><xsl:with-param name="k" select="'decision'"/></xsl:call-template>
        </xsl:if>
      </ul>
      <p class="muted"><xsl:call-template name="msg"><xsl:with-param name="key" select="'fc.hint'"/></xsl:call-template></p>
    </div>
  </xsl:template>

  <xsl:template name="legend-item">
    <xsl:param name="k"/>
    <li><span class="swatch swatch-{$k}" aria-hidden="true"></span>
      <xsl:call-template name="msg"><xsl:with-param name="key" select="concat('fc.legend.', $k)"/></xsl:call-template>
    </li>
  </xsl:template>
</xsl:stylesheet>
