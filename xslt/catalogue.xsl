<?xml version="1.0" encoding="UTF-8"?>
<!--
  The process catalogue. Input: <catalogue updated="YYYY-MM-DD"> with full copies of every
  <process> element, already sorted by @order then @code. Three groups, always in this order and
  always present (an empty group says so): service, programme, monitoring.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>

  <xsl:template name="page-class">page-catalogue</xsl:template>

  <xsl:template name="page-title">
    <xsl:call-template name="msg"><xsl:with-param name="key" select="'cat.title'"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="page-main">
    <xsl:variable name="c" select="/catalogue"/>
    <header class="page-head">
      <h1><xsl:call-template name="msg"><xsl:with-param name="key" select="'cat.title'"/></xsl:call-template></h1>
      <p class="lead"><xsl:call-template name="msg"><xsl:with-param name="key" select="'cat.lead'"/></xsl:call-template></p>
      <xsl:if test="$c/@updated">
        <p class="updated">
          <time datetime="{$c/@updated}">
            <xsl:call-template name="updated-text"><xsl:with-param name="date" select="$c/@updated"/></xsl:call-template>
          </time>
        </p>
      </xsl:if>
      <nav class="group-jump">
        <ul>
          <xsl:call-template name="jump"><xsl:with-param name="g" select="'service'"/></xsl:call-template>
          <xsl:call-template name="jump"><xsl:with-param name="g" select="'programme'"/></xsl:call-template>
          <xsl:call-template name="jump"><xsl:with-param name="g" select="'monitoring'"/></xsl:call-template>
        </ul>
      </nav>
    </header>
    <xsl:call-template name="group"><xsl:with-param name="g" select="'service'"/></xsl:call-template>
    <xsl:call-template name="group"><xsl:with-param name="g" select="'programme'"/></xsl:call-template>
    <xsl:call-template name="group"><xsl:with-param name="g" select="'monitoring'"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="jump">
    <xsl:param name="g"/>
    <li>
      <a href="#group-{$g}">
        <xsl:call-template name="msg"><xsl:with-param name="key" select="concat('group.', $g)"/></xsl:call-template>
      </a>
      <xsl:text> </xsl:text>
      <span class="count"><xsl:value-of select="count(/catalogue/process[@group = $g])"/></span>
    </li>
  </xsl:template>

  <xsl:template name="group">
    <xsl:param name="g"/>
    <xsl:variable name="ps" select="/catalogue/process[@group = $g]"/>
    <section class="group" id="group-{$g}">
      <h2><xsl:call-template name="msg"><xsl:with-param name="key" select="concat('group.', $g)"/></xsl:call-template></h2>
      <p class="group-lead">
        <xsl:call-template name="msg"><xsl:with-param name="key" select="concat('group.', $g, '.lead')"/></xsl:call-template>
      </p>
      <xsl:choose>
        <xsl:when test="$ps">
          <ul class="entries">
            <xsl:apply-templates select="$ps" mode="entry"/>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="msg"><xsl:with-param name="key" select="'cat.empty'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="process" mode="entry">
    <li class="entry">
      <h3 class="entry-title">
        <a href="/processes/{@code}"><xsl:apply-templates select="title" mode="bi"/></a>
      </h3>
      <p class="entry-summary"><xsl:apply-templates select="summary" mode="bi"/></p>
      <p class="entry-meta">
        <span class="time-limit">
          <span class="meta-label">
            <xsl:call-template name="msg"><xsl:with-param name="key" select="'tl.label'"/></xsl:call-template>
          </span>
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
    </li>
  </xsl:template>
</xsl:stylesheet>
