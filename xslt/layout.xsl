<?xml version="1.0" encoding="UTF-8"?>
<!--
  The one HTML skeleton of every Borikan page. A page stylesheet imports this file and defines
    <xsl:template name="page-title">   the page title (text only; " · Borikan" is added here)
    <xsl:template name="page-main">    the content of <main>
  and may define
    <xsl:template name="page-class">   a class for <body> (text)
  Top-level parameters, strings: lang ('th' | 'en', default 'th'; see i18n.xsl) and path (the URL
  path of the page, used by the language switch). The output depends only on the input document
  and these two parameters.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="i18n.xsl"/>
  <xsl:include href="dates.xsl"/>

  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat" indent="no"/>

  <xsl:param name="path" select="'/'"/>

  <!-- Where the catalogue lives; every page links to it. -->
  <xsl:variable name="catalogue-url" select="'/processes'"/>

  <xsl:template match="/">
    <xsl:variable name="other" select="substring('then', 1 + 2 * ($L = 'th'), 2)"/>
    <xsl:variable name="here">
      <xsl:choose>
        <xsl:when test="starts-with($path, '/')"><xsl:value-of select="$path"/></xsl:when>
        <xsl:otherwise>/</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <html lang="{$L}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:call-template name="page-title"/>
          <xsl:text> · Borikan</xsl:text>
        </title>
        <link rel="stylesheet" href="/static/borikan.css"/>
      </head>
      <body>
        <xsl:attribute name="class">
          <xsl:text>lang-</xsl:text><xsl:value-of select="$L"/>
          <xsl:text> </xsl:text><xsl:call-template name="page-class"/>
        </xsl:attribute>
        <a class="skip-link" href="#main">
          <xsl:call-template name="msg"><xsl:with-param name="key" select="'nav.skip'"/></xsl:call-template>
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/">
              <span class="brand-mark" aria-hidden="true">ICT</span>
              <span class="brand-text">
                <span class="brand-name">
                  <xsl:call-template name="msg"><xsl:with-param name="key" select="'site.name'"/></xsl:call-template>
                </span>
                <span class="brand-sub">
                  <xsl:call-template name="msg"><xsl:with-param name="key" select="'site.sub'"/></xsl:call-template>
                </span>
              </span>
            </a>
            <xsl:choose>
              <xsl:when test="/*/session">
                <form class="signout" method="post" action="/logout">
                  <input type="hidden" name="csrf" value="{/*/session/@csrf}"/>
                  <a class="who" href="/account">
                    <xsl:choose>
                      <xsl:when test="$L = 'en' and normalize-space(/*/session/@name-en) != ''"><xsl:value-of select="/*/session/@name-en"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="/*/session/@name-th"/></xsl:otherwise>
                    </xsl:choose>
                  </a>
                  <button type="submit" class="link-button">
                    <xsl:call-template name="msg"><xsl:with-param name="key" select="'nav.logout'"/></xsl:call-template>
                  </button>
                </form>
              </xsl:when>
              <xsl:otherwise>
                <a class="signin" href="/login">
                  <xsl:call-template name="msg"><xsl:with-param name="key" select="'nav.login'"/></xsl:call-template>
                </a>
              </xsl:otherwise>
            </xsl:choose>
            <a class="lang-switch" href="{$here}?lang={$other}" hreflang="{$other}" lang="{$other}">
              <xsl:attribute name="title">
                <xsl:call-template name="msg"><xsl:with-param name="key" select="'lang.switch-title'"/></xsl:call-template>
              </xsl:attribute>
              <xsl:call-template name="msg"><xsl:with-param name="key" select="'lang.switch'"/></xsl:call-template>
            </a>
          </div>
          <nav class="site-nav">
            <xsl:attribute name="aria-label">
              <xsl:call-template name="msg"><xsl:with-param name="key" select="'nav.label'"/></xsl:call-template>
            </xsl:attribute>
            <ul class="wrap">
              <li>
                <a href="/">
                  <xsl:if test="$here = '/'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
                  <xsl:call-template name="msg"><xsl:with-param name="key" select="'nav.home'"/></xsl:call-template>
                </a>
              </li>
              <li>
                <a href="{$catalogue-url}">
                  <xsl:if test="$here = $catalogue-url or starts-with($here, concat($catalogue-url, '/'))">
                    <xsl:attribute name="aria-current">
                      <xsl:choose>
                        <xsl:when test="$here = $catalogue-url">page</xsl:when>
                        <xsl:otherwise>true</xsl:otherwise>
                      </xsl:choose>
                    </xsl:attribute>
                  </xsl:if>
                  <xsl:call-template name="msg"><xsl:with-param name="key" select="'nav.catalogue'"/></xsl:call-template>
                </a>
              </li>
              <li>
                <a href="/queue">
                  <xsl:if test="$here = '/queue'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
                  <xsl:call-template name="msg"><xsl:with-param name="key" select="'q.title'"/></xsl:call-template>
                </a>
              </li>
              <xsl:if test="/*/session/@staff = 'yes'">
                <li>
                  <a href="/log">
                    <xsl:if test="$here = '/log'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
                    <xsl:call-template name="msg"><xsl:with-param name="key" select="'nav.log'"/></xsl:call-template>
                  </a>
                </li>
              </xsl:if>
              <xsl:if test="/*/session/@admin = 'yes'">
                <li>
                  <a href="/admin">
                    <xsl:if test="starts-with($here, '/admin')"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
                    <xsl:call-template name="msg"><xsl:with-param name="key" select="'nav.admin'"/></xsl:call-template>
                  </a>
                </li>
              </xsl:if>
            </ul>
          </nav>
        </header>
        <main id="main" class="wrap">
          <xsl:call-template name="page-main"/>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              <xsl:call-template name="msg"><xsl:with-param name="key" select="'site.footer'"/></xsl:call-template>
            </p>
            <p class="footer-note">
              <xsl:call-template name="msg"><xsl:with-param name="key" select="'site.footer-note'"/></xsl:call-template>
            </p>
          </div>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- Defaults; page stylesheets override them. -->
  <xsl:template name="page-title">Borikan</xsl:template>
  <xsl:template name="page-main"/>
  <xsl:template name="page-class"/>

  <!-- "ภายใน 5 วันทำการ" / "within 5 working days" / "ทันที" from a <time-limit> element. -->
  <xsl:template name="time-limit-text">
    <xsl:param name="tl" select="time-limit"/>
    <xsl:choose>
      <xsl:when test="$tl/@immediate = 'true'">
        <xsl:call-template name="msg"><xsl:with-param name="key" select="'tl.immediate'"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="number($tl/@working-days) = 1">
        <xsl:call-template name="msg"><xsl:with-param name="key" select="'tl.days-1'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="msg">
          <xsl:with-param name="key" select="'tl.days'"/>
          <xsl:with-param name="arg" select="$tl/@working-days"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "ปรับปรุงเมื่อ 22 พฤศจิกายน 2569" / "Updated 22 November 2026 (B.E. 2569)" -->
  <xsl:template name="updated-text">
    <xsl:param name="date"/>
    <xsl:call-template name="msg">
      <xsl:with-param name="key" select="'updated'"/>
      <xsl:with-param name="arg">
        <xsl:call-template name="format-date">
          <xsl:with-param name="date" select="$date"/>
          <xsl:with-param name="be" select="'yes'"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
