<?xml version="1.0" encoding="UTF-8"?>
<!--
  Sign-in page. Input: <login csrf="…" next="/path"? username="…"? error="key"? wait="N"?/>.
  error is a message key (login.missing, login.failed, login.throttled); wait is minutes.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>

  <xsl:template name="page-class">page-login</xsl:template>
  <xsl:template name="page-title">
    <xsl:call-template name="msg"><xsl:with-param name="key" select="'login.title'"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="page-main">
    <section class="form-box">
      <h1><xsl:call-template name="msg"><xsl:with-param name="key" select="'login.title'"/></xsl:call-template></h1>
      <p class="lead"><xsl:call-template name="msg"><xsl:with-param name="key" select="'login.lead'"/></xsl:call-template></p>
      <xsl:if test="/login/@error">
        <p class="form-error" role="alert" id="login-error">
          <xsl:call-template name="msg">
            <xsl:with-param name="key" select="/login/@error"/>
            <xsl:with-param name="arg" select="/login/@wait"/>
          </xsl:call-template>
        </p>
      </xsl:if>
      <form method="post" action="/login" class="stack">
        <input type="hidden" name="csrf" value="{/login/@csrf}"/>
        <xsl:if test="/login/@next">
          <input type="hidden" name="next" value="{/login/@next}"/>
        </xsl:if>
        <p class="field">
          <label for="username"><xsl:call-template name="msg"><xsl:with-param name="key" select="'login.username'"/></xsl:call-template></label>
          <input id="username" name="username" type="text" autocomplete="username" required="required"
                 maxlength="64" autocapitalize="none" spellcheck="false" value="{/login/@username}">
            <xsl:if test="/login/@error"><xsl:attribute name="aria-describedby">login-error</xsl:attribute></xsl:if>
          </input>
        </p>
        <p class="field">
          <label for="password"><xsl:call-template name="msg"><xsl:with-param name="key" select="'login.password'"/></xsl:call-template></label>
          <input id="password" name="password" type="password" autocomplete="current-password"
                 required="required" maxlength="1024"/>
        </p>
        <p><button type="submit" class="button"><xsl:call-template name="msg"><xsl:with-param name="key" select="'login.submit'"/></xsl:call-template></button></p>
      </form>
      <p class="note"><xsl:call-template name="msg"><xsl:with-param name="key" select="'login.public'"/></xsl:call-template></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
