<?xml version="1.0" encoding="UTF-8"?>
<!--
  Error page. Input: <error status="404"/>, status one of 400 403 404 405 413 415 429 500 503
  (any other value gets a generic text); 405 may carry allow="GET, HEAD".
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>

  <xsl:variable name="status" select="normalize-space(/error/@status)"/>
  <xsl:variable name="err">
    <xsl:choose>
      <xsl:when test="$status = '400' or $status = '403' or $status = '404' or $status = '405'
                      or $status = '413' or $status = '415' or $status = '429' or $status = '500' or $status = '503'">
        <xsl:value-of select="concat('err.', $status)"/>
      </xsl:when>
      <xsl:otherwise>err.other</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template name="page-class">page-error</xsl:template>

  <xsl:template name="page-title">
    <xsl:call-template name="msg"><xsl:with-param name="key" select="concat($err, '.title')"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="page-main">
    <section class="error-box">
      <p class="status">
        <span class="status-label">
          <xsl:call-template name="msg"><xsl:with-param name="key" select="'err.code'"/></xsl:call-template>
        </span>
        <xsl:text> </xsl:text>
        <span class="status-code"><xsl:value-of select="$status"/></span>
      </p>
      <h1><xsl:call-template name="msg"><xsl:with-param name="key" select="concat($err, '.title')"/></xsl:call-template></h1>
      <p class="lead"><xsl:call-template name="msg"><xsl:with-param name="key" select="concat($err, '.text')"/></xsl:call-template></p>
      <xsl:if test="$status = '405' and normalize-space(/error/@allow) != ''">
        <p class="allow">
          <xsl:call-template name="msg">
            <xsl:with-param name="key" select="'err.allow'"/>
            <xsl:with-param name="arg" select="normalize-space(/error/@allow)"/>
          </xsl:call-template>
        </p>
      </xsl:if>
      <h2><xsl:call-template name="msg"><xsl:with-param name="key" select="'err.next'"/></xsl:call-template></h2>
      <p><xsl:call-template name="msg"><xsl:with-param name="key" select="concat($err, '.todo')"/></xsl:call-template></p>
      <ul class="error-links">
        <li>
          <a class="button" href="{$catalogue-url}">
            <xsl:call-template name="msg"><xsl:with-param name="key" select="'err.to-catalogue'"/></xsl:call-template>
          </a>
        </li>
      </ul>
    </section>
  </xsl:template>
</xsl:stylesheet>
