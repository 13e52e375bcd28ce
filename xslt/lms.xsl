<?xml version="1.0" encoding="UTF-8"?>
<!--
  The connection settings of the LMS sites, for administrators. Input:
  <lms done="added|saved|tested"? default-scope http-loopback="yes"?>
    <session username name-th name-en csrf/>
    <site id name moodle-url roster-base-url roster-token-url roster-client-id roster-scope
          token-set="yes|no" secret-set="yes|no">
      <test at="YYYY-MM-DDThh:mm:ss">?
        <moodle ok="yes" sitename release username><missing name/>*</moodle>
        | <moodle ok="no" error="invalidtoken|connect|timeout|tls|redirect|…" detail/>
        <roster ok="yes" terms="N"/> | <roster ok="no" error detail/>
      </test>
    </site>*
    <form id name moodle-url roster-base-url roster-token-url roster-client-id roster-scope/>?
                         what was typed, after a refusal (never a secret)
    <error field key="lms.e.*"/>*
  </lms>
  Each site's form and the new-site form post to /admin/lms (csrf, action=save, id); the
  test button posts to /admin/lms/test (csrf, id). Secrets are never in the input: the
  form says whether one is set, and an empty field keeps it.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>

  <xsl:variable name="l" select="/lms"/>
  <xsl:variable name="csrf" select="$l/session/@csrf"/>
  <xsl:variable name="err" select="$l/error"/>
  <xsl:variable name="f" select="$l/form"/>

  <xsl:template name="page-class">page-admin page-lms</xsl:template>

  <xsl:template name="page-title">
    <xsl:call-template name="msg"><xsl:with-param name="key" select="'lms.title'"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="m">
    <xsl:param name="k"/>
    <xsl:param name="arg"/>
    <xsl:call-template name="msg">
      <xsl:with-param name="key" select="$k"/>
      <xsl:with-param name="arg" select="$arg"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="page-main">
    <header class="page-head">
      <h1><xsl:call-template name="m"><xsl:with-param name="k" select="'lms.title'"/></xsl:call-template></h1>
      <p class="lead"><xsl:call-template name="m"><xsl:with-param name="k" select="'lms.lead'"/></xsl:call-template></p>
      <p><a href="/admin"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.back'"/></xsl:call-template></a></p>
    </header>
    <xsl:if test="$l/@done">
      <p class="form-done" role="status">
        <xsl:call-template name="m"><xsl:with-param name="k" select="concat('lms.done.', $l/@done)"/></xsl:call-template>
      </p>
    </xsl:if>
    <xsl:if test="$err">
      <div class="form-error error-summary" role="alert">
        <p><xsl:call-template name="m"><xsl:with-param name="k" select="'lms.errors'"/></xsl:call-template></p>
        <ul>
          <xsl:for-each select="$err">
            <li><a href="#lms-{$f/@id}-{@field}"><xsl:call-template name="m"><xsl:with-param name="k" select="@key"/></xsl:call-template></a></li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="$l/site">
        <xsl:apply-templates select="$l/site"/>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="m"><xsl:with-param name="k" select="'lms.none'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
    <section class="card form-box" id="site-new" aria-labelledby="site-new-title">
      <h2 id="site-new-title"><xsl:call-template name="m"><xsl:with-param name="k" select="'lms.add'"/></xsl:call-template></h2>
      <xsl:call-template name="site-form">
        <xsl:with-param name="id" select="''"/>
        <xsl:with-param name="s" select="/.."/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <xsl:template match="site">
    <section class="card lms-site" id="site-{@id}" aria-labelledby="site-{@id}-title">
      <h2 id="site-{@id}-title"><xsl:value-of select="@name"/></h2>
      <xsl:apply-templates select="test"/>
      <form method="post" action="/admin/lms/test" class="inline-form">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <input type="hidden" name="id" value="{@id}"/>
        <button type="submit" class="button" id="test-button-{@id}"><xsl:call-template name="m"><xsl:with-param name="k" select="'lms.test'"/></xsl:call-template></button>
        <xsl:text> </xsl:text>
        <span class="field-hint"><xsl:call-template name="m"><xsl:with-param name="k" select="'lms.test-hint'"/></xsl:call-template></span>
      </form>
      <details>
        <xsl:if test="$f/@id = current()/@id"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
        <summary><xsl:call-template name="m"><xsl:with-param name="k" select="'lms.edit'"/></xsl:call-template></summary>
        <xsl:call-template name="site-form">
          <xsl:with-param name="id" select="string(@id)"/>
          <xsl:with-param name="s" select="."/>
        </xsl:call-template>
      </details>
    </section>
  </xsl:template>

  <xsl:template match="test">
    <div class="lms-test" id="test-{../@id}">
      <p class="muted">
        <xsl:call-template name="m"><xsl:with-param name="k" select="'lms.tested-at'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <time datetime="{@at}">
          <xsl:call-template name="format-date">
            <xsl:with-param name="date" select="@at"/>
            <xsl:with-param name="be" select="'yes'"/>
          </xsl:call-template>
        </time>
      </p>
      <ul>
        <li class="lms-moodle" id="test-moodle-{../@id}">
          <strong><xsl:call-template name="m"><xsl:with-param name="k" select="'lms.moodle'"/></xsl:call-template></strong>
          <xsl:text>: </xsl:text>
          <xsl:apply-templates select="moodle"/>
        </li>
        <li class="lms-roster" id="test-roster-{../@id}">
          <strong><xsl:call-template name="m"><xsl:with-param name="k" select="'lms.roster'"/></xsl:call-template></strong>
          <xsl:text>: </xsl:text>
          <xsl:apply-templates select="roster"/>
        </li>
      </ul>
    </div>
  </xsl:template>

  <xsl:template match="moodle[@ok = 'yes']">
    <span class="ok">
      <xsl:call-template name="m">
        <xsl:with-param name="k" select="'lms.moodle-ok'"/>
        <xsl:with-param name="arg" select="@sitename"/>
      </xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:call-template name="m">
        <xsl:with-param name="k" select="'lms.release'"/>
        <xsl:with-param name="arg" select="@release"/>
      </xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:call-template name="m">
        <xsl:with-param name="k" select="'lms.ws-user'"/>
        <xsl:with-param name="arg" select="@username"/>
      </xsl:call-template>
    </span>
    <xsl:choose>
      <xsl:when test="missing">
        <span class="field-error lms-missing">
          <xsl:text> </xsl:text>
          <xsl:call-template name="m"><xsl:with-param name="k" select="'lms.missing'"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:for-each select="missing">
            <code><xsl:value-of select="@name"/></code>
            <xsl:if test="position() != last()"><xsl:text>, </xsl:text></xsl:if>
          </xsl:for-each>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text> </xsl:text>
        <xsl:call-template name="m"><xsl:with-param name="k" select="'lms.all-functions'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="roster[@ok = 'yes']">
    <span class="ok">
      <xsl:call-template name="m">
        <xsl:with-param name="k" select="'lms.roster-ok'"/>
        <xsl:with-param name="arg" select="@terms"/>
      </xsl:call-template>
    </span>
  </xsl:template>

  <xsl:template match="moodle | roster">
    <span class="field-error">
      <xsl:call-template name="m">
        <xsl:with-param name="k" select="concat('lms.err.', @error)"/>
        <xsl:with-param name="arg" select="@detail"/>
      </xsl:call-template>
    </span>
  </xsl:template>

  <!-- The form of site s (id ''/s empty: a new site); after a refusal of this form, what was typed. -->
  <xsl:template name="site-form">
    <xsl:param name="id"/>
    <xsl:param name="s"/>
    <xsl:variable name="typed" select="$f[string(@id) = $id]"/>
    <form method="post" action="/admin/lms" class="stack">
      <input type="hidden" name="csrf" value="{$csrf}"/>
      <input type="hidden" name="action" value="save"/>
      <input type="hidden" name="id" value="{$id}"/>
      <xsl:call-template name="field">
        <xsl:with-param name="id" select="$id"/>
        <xsl:with-param name="name" select="'name'"/>
        <xsl:with-param name="label" select="'lms.name'"/>
        <xsl:with-param name="max" select="100"/>
        <xsl:with-param name="value" select="concat($typed/@name, $s[not($typed)]/@name)"/>
      </xsl:call-template>
      <fieldset>
        <legend><xsl:call-template name="m"><xsl:with-param name="k" select="'lms.moodle'"/></xsl:call-template></legend>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="$id"/>
          <xsl:with-param name="name" select="'moodle_url'"/>
          <xsl:with-param name="label" select="'lms.moodle-url'"/>
          <xsl:with-param name="hint" select="'lms.url-hint'"/>
          <xsl:with-param name="type" select="'url'"/>
          <xsl:with-param name="value" select="concat($typed/@moodle-url, $s[not($typed)]/@moodle-url)"/>
        </xsl:call-template>
        <xsl:call-template name="secret-field">
          <xsl:with-param name="id" select="$id"/>
          <xsl:with-param name="name" select="'moodle_token'"/>
          <xsl:with-param name="label" select="'lms.moodle-token'"/>
          <xsl:with-param name="set" select="$s/@token-set = 'yes'"/>
        </xsl:call-template>
      </fieldset>
      <fieldset>
        <legend><xsl:call-template name="m"><xsl:with-param name="k" select="'lms.roster'"/></xsl:call-template></legend>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="$id"/>
          <xsl:with-param name="name" select="'roster_base_url'"/>
          <xsl:with-param name="label" select="'lms.roster-base-url'"/>
          <xsl:with-param name="hint" select="'lms.roster-base-hint'"/>
          <xsl:with-param name="type" select="'url'"/>
          <xsl:with-param name="value" select="concat($typed/@roster-base-url, $s[not($typed)]/@roster-base-url)"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="$id"/>
          <xsl:with-param name="name" select="'roster_token_url'"/>
          <xsl:with-param name="label" select="'lms.roster-token-url'"/>
          <xsl:with-param name="type" select="'url'"/>
          <xsl:with-param name="value" select="concat($typed/@roster-token-url, $s[not($typed)]/@roster-token-url)"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="$id"/>
          <xsl:with-param name="name" select="'roster_client_id'"/>
          <xsl:with-param name="label" select="'lms.roster-client-id'"/>
          <xsl:with-param name="value" select="concat($typed/@roster-client-id, $s[not($typed)]/@roster-client-id)"/>
        </xsl:call-template>
        <xsl:call-template name="secret-field">
          <xsl:with-param name="id" select="$id"/>
          <xsl:with-param name="name" select="'roster_secret'"/>
          <xsl:with-param name="label" select="'lms.roster-secret'"/>
          <xsl:with-param name="set" select="$s/@secret-set = 'yes'"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="$id"/>
          <xsl:with-param name="name" select="'roster_scope'"/>
          <xsl:with-param name="label" select="'lms.roster-scope'"/>
          <xsl:with-param name="hint" select="'lms.roster-scope-hint'"/>
          <xsl:with-param name="required" select="'no'"/>
          <xsl:with-param name="max" select="500"/>
          <xsl:with-param name="value">
            <xsl:choose>
              <xsl:when test="$typed"><xsl:value-of select="$typed/@roster-scope"/></xsl:when>
              <xsl:when test="$s"><xsl:value-of select="$s/@roster-scope"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$l/@default-scope"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </fieldset>
      <p class="form-actions">
        <button type="submit" class="button"><xsl:call-template name="m"><xsl:with-param name="k" select="'lms.save'"/></xsl:call-template></button>
      </p>
    </form>
  </xsl:template>

  <!-- A labelled input; its error, if any; the value given. -->
  <xsl:template name="field">
    <xsl:param name="id"/>
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="hint"/>
    <xsl:param name="max" select="500"/>
    <xsl:param name="required" select="'yes'"/>
    <xsl:variable name="e" select="$err[@field = $name and string($f/@id) = $id][1]"/>
    <xsl:variable name="hid" select="concat('lms-', $id, '-', $name)"/>
    <p class="field">
      <label for="{$hid}"><xsl:call-template name="m"><xsl:with-param name="k" select="$label"/></xsl:call-template></label>
      <xsl:if test="$hint != ''">
        <span class="field-hint" id="{$hid}-h"><xsl:call-template name="m"><xsl:with-param name="k" select="$hint"/></xsl:call-template></span>
      </xsl:if>
      <xsl:if test="$e">
        <span class="field-error" id="{$hid}-e"><xsl:call-template name="m"><xsl:with-param name="k" select="$e/@key"/></xsl:call-template></span>
      </xsl:if>
      <input type="{$type}" name="{$name}" id="{$hid}" value="{$value}" maxlength="{$max}">
        <xsl:if test="$required = 'yes'"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="$e"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
        <xsl:if test="$e or $hint != ''">
          <xsl:attribute name="aria-describedby">
            <xsl:if test="$hint != ''"><xsl:value-of select="$hid"/>-h</xsl:if>
            <xsl:if test="$e and $hint != ''"><xsl:text> </xsl:text></xsl:if>
            <xsl:if test="$e"><xsl:value-of select="$hid"/>-e</xsl:if>
          </xsl:attribute>
        </xsl:if>
      </input>
    </p>
  </xsl:template>

  <!-- A secret: never shown; says whether one is set; empty keeps it. -->
  <xsl:template name="secret-field">
    <xsl:param name="id"/>
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="set"/>
    <xsl:variable name="e" select="$err[@field = $name and string($f/@id) = $id][1]"/>
    <xsl:variable name="hid" select="concat('lms-', $id, '-', $name)"/>
    <p class="field">
      <label for="{$hid}"><xsl:call-template name="m"><xsl:with-param name="k" select="$label"/></xsl:call-template></label>
      <span class="field-hint" id="{$hid}-h">
        <xsl:choose>
          <xsl:when test="$set"><xsl:call-template name="m"><xsl:with-param name="k" select="'lms.secret-set'"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:call-template name="m"><xsl:with-param name="k" select="'lms.secret-unset'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </span>
      <xsl:if test="$e">
        <span class="field-error" id="{$hid}-e"><xsl:call-template name="m"><xsl:with-param name="k" select="$e/@key"/></xsl:call-template></span>
      </xsl:if>
      <input type="password" name="{$name}" id="{$hid}" value="" autocomplete="new-password" maxlength="256">
        <xsl:if test="not($set)"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="$e"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
        <xsl:attribute name="aria-describedby">
          <xsl:value-of select="$hid"/>-h<xsl:if test="$e"><xsl:text> </xsl:text><xsl:value-of select="$hid"/>-e</xsl:if>
        </xsl:attribute>
      </input>
    </p>
  </xsl:template>
</xsl:stylesheet>
