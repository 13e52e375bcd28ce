<?xml version="1.0" encoding="UTF-8"?>
<!-- Front page. Input: <home/>. A placeholder until the real front page (news, tracking) exists. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>

  <xsl:template name="page-class">page-home</xsl:template>

  <xsl:template name="page-title">
    <xsl:call-template name="msg"><xsl:with-param name="key" select="'home.title'"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="page-main">
    <section class="hero">
      <h1><xsl:call-template name="msg"><xsl:with-param name="key" select="'home.title'"/></xsl:call-template></h1>
      <p class="lead"><xsl:call-template name="msg"><xsl:with-param name="key" select="'home.lead'"/></xsl:call-template></p>
      <p><xsl:call-template name="msg"><xsl:with-param name="key" select="'home.what'"/></xsl:call-template></p>
      <p>
        <a class="button" href="{$catalogue-url}">
          <xsl:call-template name="msg"><xsl:with-param name="key" select="'home.cta'"/></xsl:call-template>
        </a>
        <xsl:text> </xsl:text>
        <a class="button button-secondary" href="/track">
          <xsl:call-template name="msg"><xsl:with-param name="key" select="'track.link'"/></xsl:call-template>
        </a>
      </p>
    </section>
  </xsl:template>
</xsl:stylesheet>
