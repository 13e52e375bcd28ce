<?xml version="1.0" encoding="UTF-8"?>
<!--
  One's own account. Input:
  <account done="password"?>
    <session username name-th name-en csrf/>
    <person username name-th name-en unit/>
    <role name="ict-officer" unit="ict"/>*
    <error field="current|new|confirm" key="password.*"/>?
  </account>
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>

  <xsl:variable name="err" select="/account/error"/>

  <xsl:template name="page-class">page-account</xsl:template>
  <xsl:template name="page-title">
    <xsl:call-template name="msg"><xsl:with-param name="key" select="'acc.title'"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="page-main">
    <xsl:variable name="p" select="/account/person"/>
    <h1><xsl:call-template name="msg"><xsl:with-param name="key" select="'acc.title'"/></xsl:call-template></h1>
    <xsl:if test="/account/@done = 'password'">
      <p class="form-done" role="status"><xsl:call-template name="msg"><xsl:with-param name="key" select="'pw.done'"/></xsl:call-template></p>
    </xsl:if>
    <section class="card">
      <dl class="facts">
        <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'acc.name'"/></xsl:call-template></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="$L = 'en' and normalize-space($p/@name-en) != ''"><xsl:value-of select="$p/@name-en"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$p/@name-th"/></xsl:otherwise>
          </xsl:choose>
        </dd>
        <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'acc.username'"/></xsl:call-template></dt>
        <dd><code><xsl:value-of select="$p/@username"/></code></dd>
        <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'acc.unit'"/></xsl:call-template></dt>
        <dd><code><xsl:value-of select="$p/@unit"/></code></dd>
        <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'acc.roles'"/></xsl:call-template></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="/account/role">
              <ul class="roles">
                <xsl:for-each select="/account/role">
                  <li>
                    <xsl:call-template name="role-name"><xsl:with-param name="id" select="@name"/></xsl:call-template>
                    <xsl:text> · </xsl:text>
                    <xsl:call-template name="msg">
                      <xsl:with-param name="key" select="'acc.role-unit'"/>
                      <xsl:with-param name="arg" select="@unit"/>
                    </xsl:call-template>
                  </li>
                </xsl:for-each>
              </ul>
            </xsl:when>
            <xsl:otherwise><xsl:call-template name="msg"><xsl:with-param name="key" select="'acc.no-roles'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </dd>
      </dl>
    </section>

    <section class="card form-box" id="password">
      <h2><xsl:call-template name="msg"><xsl:with-param name="key" select="'pw.title'"/></xsl:call-template></h2>
      <xsl:if test="$err">
        <p class="form-error" role="alert">
          <xsl:call-template name="msg"><xsl:with-param name="key" select="$err/@key"/></xsl:call-template>
        </p>
      </xsl:if>
      <form method="post" action="/account/password" class="stack">
        <input type="hidden" name="csrf" value="{/account/session/@csrf}"/>
        <xsl:call-template name="pw-field"><xsl:with-param name="name" select="'current'"/><xsl:with-param name="auto" select="'current-password'"/></xsl:call-template>
        <xsl:call-template name="pw-field"><xsl:with-param name="name" select="'new'"/><xsl:with-param name="auto" select="'new-password'"/><xsl:with-param name="help" select="'pw.new-help'"/></xsl:call-template>
        <xsl:call-template name="pw-field"><xsl:with-param name="name" select="'confirm'"/><xsl:with-param name="auto" select="'new-password'"/></xsl:call-template>
        <p><button type="submit" class="button"><xsl:call-template name="msg"><xsl:with-param name="key" select="'pw.submit'"/></xsl:call-template></button></p>
      </form>
    </section>
  </xsl:template>

  <xsl:template name="pw-field">
    <xsl:param name="name"/>
    <xsl:param name="auto"/>
    <xsl:param name="help"/>
    <p class="field">
      <xsl:if test="$err/@field = $name"><xsl:attribute name="class">field field-invalid</xsl:attribute></xsl:if>
      <label for="pw-{$name}"><xsl:call-template name="msg"><xsl:with-param name="key" select="concat('pw.', $name)"/></xsl:call-template></label>
      <input id="pw-{$name}" name="{$name}" type="password" autocomplete="{$auto}" required="required" maxlength="128">
        <xsl:if test="$err/@field = $name"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
      </input>
      <xsl:if test="$help != ''">
        <span class="field-hint"><xsl:call-template name="msg"><xsl:with-param name="key" select="$help"/></xsl:call-template></span>
      </xsl:if>
    </p>
  </xsl:template>
</xsl:stylesheet>
