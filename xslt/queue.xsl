<?xml version="1.0" encoding="UTF-8"?>
<!--
  "My work": the requests waiting for the reader, and the reader's own requests. Input:
  <queue>
    <session username name-th name-en csrf/>
    <assigned><item number process step requester updated due?/>*</assigned>
                           open requests assigned to the reader: first
    <tasks><item number process step requester updated due?/>*</tasks>
                           open requests at the reader's roles' steps that nobody is assigned
                           to ("unassigned, for my group"); others' assigned ones are hidden
    <overdue staff="yes"?><item number process step requester due overdue="n"/>*</overdue>
                           past due at the reader's steps (staff only), most overdue first
    <mine><item number process step status updated/>*</mine>
    <process …/>*          every process definition, for titles and step labels
  </queue>
  Each list is a list of cards (one per request), which reads well on a phone.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>

  <xsl:key name="q-proc" match="queue/process" use="@code"/>
  <xsl:key name="q-step" match="queue/process/steps/step" use="concat(../../@code, '|', @id)"/>

  <xsl:template name="page-class">page-queue</xsl:template>

  <xsl:template name="page-title">
    <xsl:call-template name="msg"><xsl:with-param name="key" select="'q.title'"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="page-main">
    <header class="page-head queue-head">
      <h1><xsl:call-template name="msg"><xsl:with-param name="key" select="'q.title'"/></xsl:call-template></h1>
      <p class="lead"><xsl:call-template name="msg"><xsl:with-param name="key" select="'q.lead'"/></xsl:call-template></p>
      <p class="head-action">
        <a class="button" href="{$catalogue-url}">
          <xsl:call-template name="msg"><xsl:with-param name="key" select="'q.new'"/></xsl:call-template>
        </a>
      </p>
    </header>

    <section class="queue-section" id="assigned" aria-labelledby="assigned-title">
      <h2 id="assigned-title">
        <xsl:call-template name="msg"><xsl:with-param name="key" select="'q.assigned'"/></xsl:call-template>
        <xsl:call-template name="count"><xsl:with-param name="n" select="count(/queue/assigned/item)"/></xsl:call-template>
      </h2>
      <xsl:choose>
        <xsl:when test="/queue/assigned/item">
          <ul class="q-list">
            <xsl:apply-templates select="/queue/assigned/item"/>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty q-empty"><xsl:call-template name="msg"><xsl:with-param name="key" select="'q.assigned-empty'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <xsl:if test="/queue/overdue/@staff = 'yes' or /queue/overdue/item">
      <section class="queue-section queue-overdue" id="overdue" aria-labelledby="overdue-title">
        <h2 id="overdue-title">
          <xsl:call-template name="msg"><xsl:with-param name="key" select="'q.overdue'"/></xsl:call-template>
          <xsl:call-template name="count"><xsl:with-param name="n" select="count(/queue/overdue/item)"/></xsl:call-template>
        </h2>
        <xsl:choose>
          <xsl:when test="/queue/overdue/item">
            <ul class="q-list">
              <xsl:apply-templates select="/queue/overdue/item"/>
            </ul>
          </xsl:when>
          <xsl:otherwise>
            <p class="empty q-empty"><xsl:call-template name="msg"><xsl:with-param name="key" select="'q.overdue-empty'"/></xsl:call-template></p>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:if>

    <section class="queue-section" id="tasks" aria-labelledby="tasks-title">
      <h2 id="tasks-title">
        <xsl:call-template name="msg"><xsl:with-param name="key" select="'q.unassigned'"/></xsl:call-template>
        <xsl:call-template name="count"><xsl:with-param name="n" select="count(/queue/tasks/item)"/></xsl:call-template>
      </h2>
      <xsl:choose>
        <xsl:when test="/queue/tasks/item">
          <ul class="q-list">
            <xsl:apply-templates select="/queue/tasks/item"/>
          </ul>
          <xsl:if test="/queue/@page &gt; 1 or /queue/tasks/@more = 'yes'">
            <nav class="pager">
              <xsl:if test="/queue/@page &gt; 1">
                <a rel="prev" href="/queue?page={/queue/@page - 1}">
                  <xsl:call-template name="msg"><xsl:with-param name="key" select="'q.prev'"/></xsl:call-template>
                </a>
              </xsl:if>
              <xsl:if test="/queue/tasks/@more = 'yes'">
                <a rel="next" href="/queue?page={/queue/@page + 1}">
                  <xsl:call-template name="msg"><xsl:with-param name="key" select="'q.next'"/></xsl:call-template>
                </a>
              </xsl:if>
            </nav>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty q-empty"><xsl:call-template name="msg"><xsl:with-param name="key" select="'q.tasks-empty'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>

    <section class="queue-section" id="mine" aria-labelledby="mine-title">
      <h2 id="mine-title">
        <xsl:call-template name="msg"><xsl:with-param name="key" select="'q.mine'"/></xsl:call-template>
        <xsl:call-template name="count"><xsl:with-param name="n" select="count(/queue/mine/item)"/></xsl:call-template>
      </h2>
      <xsl:choose>
        <xsl:when test="/queue/mine/item">
          <ul class="q-list">
            <xsl:apply-templates select="/queue/mine/item"/>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty q-empty">
            <xsl:call-template name="msg"><xsl:with-param name="key" select="'q.mine-empty'"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <a href="{$catalogue-url}"><xsl:call-template name="msg"><xsl:with-param name="key" select="'q.new'"/></xsl:call-template></a>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="count">
    <xsl:param name="n"/>
    <xsl:if test="$n &gt; 0">
      <xsl:text> </xsl:text>
      <span class="count-pill">
        <span aria-hidden="true"><xsl:value-of select="$n"/></span>
        <span class="vh">
          <xsl:text>(</xsl:text>
          <xsl:call-template name="msg">
            <xsl:with-param name="key" select="'q.count'"/>
            <xsl:with-param name="arg" select="$n"/>
          </xsl:call-template>
          <xsl:text>)</xsl:text>
        </span>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="item">
    <xsl:variable name="proc" select="key('q-proc', @process)[1]"/>
    <xsl:variable name="step" select="key('q-step', concat(@process, '|', @step))[1]"/>
    <li class="q-item">
      <p class="q-top">
        <a class="q-number" href="/requests/{@number}"><xsl:value-of select="@number"/></a>
        <xsl:if test="@status">
          <xsl:text> </xsl:text>
          <span class="badge status status-{@status}">
            <xsl:call-template name="msg"><xsl:with-param name="key" select="concat('st.', @status)"/></xsl:call-template>
          </span>
        </xsl:if>
      </p>
      <p class="q-process">
        <xsl:choose>
          <xsl:when test="$proc"><xsl:apply-templates select="$proc/title" mode="bi"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@process"/></xsl:otherwise>
        </xsl:choose>
      </p>
      <dl class="q-meta">
        <div>
          <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'q.step'"/></xsl:call-template></dt>
          <dd>
            <xsl:choose>
              <xsl:when test="$step"><xsl:apply-templates select="$step/label" mode="bi"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="@step"/></xsl:otherwise>
            </xsl:choose>
          </dd>
        </div>
        <xsl:if test="normalize-space(@requester) != ''">
          <div>
            <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'rq.requester'"/></xsl:call-template></dt>
            <dd><xsl:value-of select="@requester"/></dd>
          </div>
        </xsl:if>
        <xsl:if test="@due">
          <div>
            <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'q.due'"/></xsl:call-template></dt>
            <dd>
              <time datetime="{@due}">
                <xsl:call-template name="format-date">
                  <xsl:with-param name="date" select="@due"/>
                  <xsl:with-param name="style" select="'short'"/>
                  <xsl:with-param name="be" select="'yes'"/>
                </xsl:call-template>
              </time>
              <xsl:if test="number(@overdue) &gt; 0">
                <xsl:text> </xsl:text>
                <span class="badge clock-overdue">
                  <xsl:call-template name="msg">
                    <xsl:with-param name="key" select="'q.overdue-by'"/>
                    <xsl:with-param name="arg" select="@overdue"/>
                  </xsl:call-template>
                </span>
              </xsl:if>
            </dd>
          </div>
        </xsl:if>
        <xsl:if test="@updated">
        <div>
          <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'rq.updated'"/></xsl:call-template></dt>
          <dd>
            <time datetime="{translate(@updated, ' ', 'T')}">
              <xsl:call-template name="format-date">
                <xsl:with-param name="date" select="@updated"/>
                <xsl:with-param name="style" select="'short'"/>
                <xsl:with-param name="be" select="'yes'"/>
              </xsl:call-template>
            </time>
          </dd>
        </div>
        </xsl:if>
      </dl>
    </li>
  </xsl:template>
</xsl:stylesheet>
