<?xml version="1.0" encoding="UTF-8"?>
<!--
  The holiday calendar of one Buddhist-era year, for administrators. Input:
  <holidays year="2569" prev="2568"? next="2570"? done="added|deleted"?>
    <session username name-th name-en csrf/>
    <holiday id date="YYYY-MM-DD" name-th name-en weekday="0-6" recurring="yes"? since="YYYY-MM-DD"?/>*
    <form date name-th name-en recurring="yes"?/>?        what was typed, after a refusal
    <error field="date|name_th|name_en|recurring" key="hol.*"/>*
  </holidays>
  The add form and each delete button post to /admin/holidays (csrf, action=add|delete).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>

  <xsl:variable name="h" select="/holidays"/>
  <xsl:variable name="err" select="$h/error"/>

  <xsl:template name="page-class">page-holidays</xsl:template>

  <xsl:template name="page-title">
    <xsl:call-template name="msg"><xsl:with-param name="key" select="'hol.title'"/></xsl:call-template>
    <xsl:text> </xsl:text>
    <xsl:call-template name="msg">
      <xsl:with-param name="key" select="'hol.year'"/>
      <xsl:with-param name="arg" select="$h/@year"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="page-main">
    <header class="page-head">
      <h1>
        <xsl:call-template name="msg"><xsl:with-param name="key" select="'hol.title'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:call-template name="msg">
          <xsl:with-param name="key" select="'hol.year'"/>
          <xsl:with-param name="arg" select="$h/@year"/>
        </xsl:call-template>
      </h1>
      <p class="lead"><xsl:call-template name="msg"><xsl:with-param name="key" select="'hol.lead'"/></xsl:call-template></p>
      <nav class="year-nav">
        <xsl:if test="$h/@prev">
          <a href="/admin/holidays?year={$h/@prev}" rel="prev">
            <xsl:call-template name="msg"><xsl:with-param name="key" select="'hol.prev'"/></xsl:call-template>
            <xsl:text> (</xsl:text><xsl:value-of select="$h/@prev"/><xsl:text>)</xsl:text>
          </a>
        </xsl:if>
        <xsl:text> </xsl:text>
        <xsl:if test="$h/@next">
          <a href="/admin/holidays?year={$h/@next}" rel="next">
            <xsl:call-template name="msg"><xsl:with-param name="key" select="'hol.next'"/></xsl:call-template>
            <xsl:text> (</xsl:text><xsl:value-of select="$h/@next"/><xsl:text>)</xsl:text>
          </a>
        </xsl:if>
      </nav>
    </header>

    <xsl:if test="$h/@done">
      <p class="form-done" role="status">
        <xsl:call-template name="msg"><xsl:with-param name="key" select="concat('hol.', $h/@done)"/></xsl:call-template>
      </p>
    </xsl:if>

    <section class="card" aria-labelledby="list-title">
      <h2 id="list-title">
        <xsl:call-template name="msg">
          <xsl:with-param name="key" select="'hol.count'"/>
          <xsl:with-param name="arg" select="count($h/holiday)"/>
        </xsl:call-template>
      </h2>
      <xsl:choose>
        <xsl:when test="$h/holiday">
          <table class="holidays">
            <thead>
              <tr>
                <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'hol.date'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'hol.name'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'hol.kind'"/></xsl:call-template></th>
                <th scope="col"><span class="vh"><xsl:call-template name="msg"><xsl:with-param name="key" select="'hol.delete'"/></xsl:call-template></span></th>
              </tr>
            </thead>
            <tbody>
              <xsl:apply-templates select="$h/holiday"/>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="msg"><xsl:with-param name="key" select="'hol.empty'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>

    <section class="card form-box" aria-labelledby="add-title">
      <h2 id="add-title"><xsl:call-template name="msg"><xsl:with-param name="key" select="'hol.add-title'"/></xsl:call-template></h2>
      <xsl:if test="$err">
        <div class="form-error error-summary" role="alert">
          <p><xsl:call-template name="msg"><xsl:with-param name="key" select="'hol.errors'"/></xsl:call-template></p>
          <ul>
            <xsl:for-each select="$err">
              <li><a href="#hol-{@field}"><xsl:call-template name="msg"><xsl:with-param name="key" select="@key"/></xsl:call-template></a></li>
            </xsl:for-each>
          </ul>
        </div>
      </xsl:if>
      <form method="post" action="/admin/holidays" class="stack">
        <input type="hidden" name="csrf" value="{$h/session/@csrf}"/>
        <input type="hidden" name="action" value="add"/>
        <xsl:call-template name="text-field">
          <xsl:with-param name="name" select="'date'"/>
          <xsl:with-param name="type" select="'date'"/>
          <xsl:with-param name="label" select="'hol.date'"/>
          <xsl:with-param name="hint" select="'hol.date-hint'"/>
          <xsl:with-param name="value" select="$h/form/@date"/>
        </xsl:call-template>
        <xsl:call-template name="text-field">
          <xsl:with-param name="name" select="'name_th'"/>
          <xsl:with-param name="label" select="'hol.name-th'"/>
          <xsl:with-param name="value" select="$h/form/@name-th"/>
          <xsl:with-param name="lang" select="'th'"/>
        </xsl:call-template>
        <xsl:call-template name="text-field">
          <xsl:with-param name="name" select="'name_en'"/>
          <xsl:with-param name="label" select="'hol.name-en'"/>
          <xsl:with-param name="value" select="$h/form/@name-en"/>
          <xsl:with-param name="lang" select="'en'"/>
        </xsl:call-template>
        <p class="field field-check">
          <input type="checkbox" name="recurring" value="yes" id="hol-recurring">
            <xsl:if test="$h/form/@recurring = 'yes'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <xsl:text> </xsl:text>
          <label for="hol-recurring"><xsl:call-template name="msg"><xsl:with-param name="key" select="'hol.recurring'"/></xsl:call-template></label>
        </p>
        <p class="note"><xsl:call-template name="msg"><xsl:with-param name="key" select="'hol.note'"/></xsl:call-template></p>
        <p class="form-actions">
          <button type="submit" class="button"><xsl:call-template name="msg"><xsl:with-param name="key" select="'hol.add'"/></xsl:call-template></button>
        </p>
      </form>
    </section>
  </xsl:template>

  <xsl:template name="text-field">
    <xsl:param name="name"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="label"/>
    <xsl:param name="hint"/>
    <xsl:param name="value"/>
    <xsl:param name="lang"/>
    <xsl:variable name="e" select="$err[@field = $name][1]"/>
    <p class="field">
      <label for="hol-{$name}">
        <xsl:call-template name="msg"><xsl:with-param name="key" select="$label"/></xsl:call-template>
        <span class="req-mark" aria-hidden="true"> *</span>
      </label>
      <xsl:if test="$hint != ''">
        <span class="field-hint" id="hol-{$name}-h"><xsl:call-template name="msg"><xsl:with-param name="key" select="$hint"/></xsl:call-template></span>
      </xsl:if>
      <xsl:if test="$e">
        <span class="field-error" id="hol-{$name}-e"><xsl:call-template name="msg"><xsl:with-param name="key" select="$e/@key"/></xsl:call-template></span>
      </xsl:if>
      <input type="{$type}" name="{$name}" id="hol-{$name}" required="required" value="{$value}">
        <xsl:if test="$type = 'text'"><xsl:attribute name="maxlength">200</xsl:attribute></xsl:if>
        <xsl:if test="$lang != ''"><xsl:attribute name="lang"><xsl:value-of select="$lang"/></xsl:attribute></xsl:if>
        <xsl:if test="$e"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
        <xsl:if test="$e or $hint != ''">
          <xsl:attribute name="aria-describedby">
            <xsl:if test="$hint != ''">hol-<xsl:value-of select="$name"/>-h</xsl:if>
            <xsl:if test="$e and $hint != ''"><xsl:text> </xsl:text></xsl:if>
            <xsl:if test="$e">hol-<xsl:value-of select="$name"/>-e</xsl:if>
          </xsl:attribute>
        </xsl:if>
      </input>
    </p>
  </xsl:template>

  <xsl:template match="holiday">
    <tr class="holiday">
      <xsl:if test="@weekday = 0 or @weekday = 6"><xsl:attribute name="class">holiday holiday-weekend</xsl:attribute></xsl:if>
      <td>
        <time datetime="{@date}">
          <xsl:call-template name="msg"><xsl:with-param name="key" select="concat('wd.', @weekday)"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:call-template name="format-date">
            <xsl:with-param name="date" select="@date"/>
            <xsl:with-param name="be" select="'yes'"/>
          </xsl:call-template>
        </time>
      </td>
      <td>
        <span lang="th"><xsl:value-of select="@name-th"/></span>
        <br/>
        <span lang="en" class="muted"><xsl:value-of select="@name-en"/></span>
      </td>
      <td>
        <xsl:choose>
          <xsl:when test="@recurring = 'yes'">
            <xsl:call-template name="msg">
              <xsl:with-param name="key" select="'hol.recurring-since'"/>
              <xsl:with-param name="arg" select="number(substring(@since, 1, 4)) + 543"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise><xsl:call-template name="msg"><xsl:with-param name="key" select="'hol.once'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </td>
      <td>
        <form method="post" action="/admin/holidays" class="inline-form">
          <input type="hidden" name="csrf" value="{$h/session/@csrf}"/>
          <input type="hidden" name="action" value="delete"/>
          <input type="hidden" name="id" value="{@id}"/>
          <input type="hidden" name="year" value="{$h/@year}"/>
          <button type="submit" class="button button-danger button-small">
            <xsl:attribute name="aria-label">
              <xsl:call-template name="msg">
                <xsl:with-param name="key" select="'hol.delete-label'"/>
                <xsl:with-param name="arg" select="@date"/>
              </xsl:call-template>
            </xsl:attribute>
            <xsl:call-template name="msg"><xsl:with-param name="key" select="'hol.delete'"/></xsl:call-template>
          </button>
        </form>
      </td>
    </tr>
  </xsl:template>
</xsl:stylesheet>
