<?xml version="1.0" encoding="UTF-8"?>
<!--
  The administration pages. Input, one of:
  <admin-index><session …/><page name="units|people|holidays|jobs"/>*</admin-index>
  <admin-units done="added|saved"? edit="code"?>
    <session username name-th name-en csrf/>
    <unit code kind name-th name-en parent memo-format/>*
    <form action code kind name_th name_en parent memo_format/>?   what was typed, after a refusal
    <error field key="adm.*"/>*
  </admin-units>
  <admin-people q page total more="yes"? done="…"? today="YYYY-MM-DD">
    <session …/>
    <unit code name-th name-en/>*
    <person id username email name-th name-en unit active="yes|no"><role role unit/>*</person>*
    <substitute id person person-th person-en sub sub-th sub-en from to>reason</substitute>*
    <form action username email unit name_th name_en role person substitute from to reason/>?
    <error field key/>*
    <password username="…">the new password</password>?        shown this once
  </admin-people>
  Every form posts to its page with csrf and action.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl"
    exclude-result-prefixes="exsl">
  <xsl:import href="layout.xsl"/>

  <xsl:variable name="a" select="/*"/>
  <xsl:variable name="csrf" select="$a/session/@csrf"/>
  <xsl:variable name="err" select="$a/error"/>
  <xsl:variable name="f" select="$a/form"/>

  <xsl:template name="page-class">page-admin</xsl:template>

  <xsl:template name="title-key">
    <xsl:choose>
      <xsl:when test="local-name($a) = 'admin-units'">adm.units.title</xsl:when>
      <xsl:when test="local-name($a) = 'admin-people'">adm.people.title</xsl:when>
      <xsl:otherwise>adm.title</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="page-title">
    <xsl:variable name="k"><xsl:call-template name="title-key"/></xsl:variable>
    <xsl:call-template name="msg"><xsl:with-param name="key" select="string($k)"/></xsl:call-template>
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
    <xsl:variable name="k"><xsl:call-template name="title-key"/></xsl:variable>
    <header class="page-head">
      <h1><xsl:call-template name="m"><xsl:with-param name="k" select="string($k)"/></xsl:call-template></h1>
      <xsl:choose>
        <xsl:when test="local-name($a) = 'admin-index'">
          <p class="lead"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.lead'"/></xsl:call-template></p>
        </xsl:when>
        <xsl:otherwise>
          <p><a href="/admin"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.back'"/></xsl:call-template></a></p>
        </xsl:otherwise>
      </xsl:choose>
    </header>
    <xsl:if test="$a/@done">
      <p class="form-done" role="status">
        <xsl:call-template name="m"><xsl:with-param name="k" select="concat('adm.done.', $a/@done)"/></xsl:call-template>
      </p>
    </xsl:if>
    <xsl:if test="$err">
      <div class="form-error error-summary" role="alert">
        <p><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.errors'"/></xsl:call-template></p>
        <ul>
          <xsl:for-each select="$err">
            <li><a href="#adm-{@field}"><xsl:call-template name="m"><xsl:with-param name="k" select="@key"/></xsl:call-template></a></li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="local-name($a) = 'admin-units'"><xsl:call-template name="units"/></xsl:when>
      <xsl:when test="local-name($a) = 'admin-people'"><xsl:call-template name="people"/></xsl:when>
      <xsl:otherwise>
        <ul class="admin-pages card-list">
          <xsl:for-each select="$a/page">
            <li class="card">
              <h2><a href="/admin/{@name}"><xsl:call-template name="m"><xsl:with-param name="k" select="concat('adm.page.', @name)"/></xsl:call-template></a></h2>
              <p><xsl:call-template name="m"><xsl:with-param name="k" select="concat('adm.page.', @name, '-desc')"/></xsl:call-template></p>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A labelled input; its error, if any; value kept. -->
  <xsl:template name="field">
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="hint"/>
    <xsl:param name="max" select="200"/>
    <xsl:param name="lang"/>
    <xsl:param name="required" select="'yes'"/>
    <xsl:variable name="e" select="$err[@field = $name][1]"/>
    <p class="field">
      <label for="adm-{$name}"><xsl:call-template name="m"><xsl:with-param name="k" select="$label"/></xsl:call-template></label>
      <xsl:if test="$hint != ''">
        <span class="field-hint" id="adm-{$name}-h"><xsl:call-template name="m"><xsl:with-param name="k" select="$hint"/></xsl:call-template></span>
      </xsl:if>
      <xsl:if test="$e">
        <span class="field-error" id="adm-{$name}-e"><xsl:call-template name="m"><xsl:with-param name="k" select="$e/@key"/></xsl:call-template></span>
      </xsl:if>
      <input type="{$type}" name="{$name}" id="adm-{$name}" value="{$value}">
        <xsl:if test="$required = 'yes'"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="$type = 'text' or $type = 'email'"><xsl:attribute name="maxlength"><xsl:value-of select="$max"/></xsl:attribute></xsl:if>
        <xsl:if test="$lang != ''"><xsl:attribute name="lang"><xsl:value-of select="$lang"/></xsl:attribute></xsl:if>
        <xsl:if test="$e"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
        <xsl:if test="$e or $hint != ''">
          <xsl:attribute name="aria-describedby">
            <xsl:if test="$hint != ''">adm-<xsl:value-of select="$name"/>-h</xsl:if>
            <xsl:if test="$e and $hint != ''"><xsl:text> </xsl:text></xsl:if>
            <xsl:if test="$e">adm-<xsl:value-of select="$name"/>-e</xsl:if>
          </xsl:attribute>
        </xsl:if>
      </input>
    </p>
  </xsl:template>

  <!-- A select of the units (with "(none)" first when optional). -->
  <xsl:template name="unit-select">
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:param name="optional"/>
    <xsl:param name="except"/>
    <xsl:variable name="e" select="$err[@field = $name][1]"/>
    <p class="field">
      <label for="adm-{$name}"><xsl:call-template name="m"><xsl:with-param name="k" select="$label"/></xsl:call-template></label>
      <xsl:if test="$e">
        <span class="field-error" id="adm-{$name}-e"><xsl:call-template name="m"><xsl:with-param name="k" select="$e/@key"/></xsl:call-template></span>
      </xsl:if>
      <select name="{$name}" id="adm-{$name}">
        <xsl:if test="$e">
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
          <xsl:attribute name="aria-describedby">adm-<xsl:value-of select="$name"/>-e</xsl:attribute>
        </xsl:if>
        <xsl:if test="$optional = 'yes'">
          <option value=""><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.parent-none'"/></xsl:call-template></option>
        </xsl:if>
        <xsl:for-each select="$a/unit[@code != $except or $except = '']">
          <option value="{@code}">
            <xsl:if test="@code = $value"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:value-of select="@code"/>
            <xsl:text> · </xsl:text>
            <xsl:call-template name="pname"><xsl:with-param name="th" select="@name-th"/><xsl:with-param name="en" select="@name-en"/></xsl:call-template>
          </option>
        </xsl:for-each>
      </select>
    </p>
  </xsl:template>

  <xsl:template name="pname">
    <xsl:param name="th"/>
    <xsl:param name="en"/>
    <xsl:choose>
      <xsl:when test="$L = 'en' and normalize-space($en) != ''"><xsl:value-of select="$en"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$th"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="hidden">
    <xsl:param name="action"/>
    <input type="hidden" name="csrf" value="{$csrf}"/>
    <input type="hidden" name="action" value="{$action}"/>
  </xsl:template>

  <!-- ==== units ==== -->
  <xsl:template name="units">
    <p class="lead"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.units.lead'"/></xsl:call-template></p>
    <section class="card" aria-labelledby="units-title">
      <h2 id="units-title"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.units.title'"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="$a/unit">
          <table class="admin-units">
            <thead>
              <tr>
                <th scope="col"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.code'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.kind'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.name'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.parent'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.memo-format'"/></xsl:call-template></th>
                <th scope="col"><span class="vh"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.edit'"/></xsl:call-template></span></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$a/unit">
                <tr class="unit" id="unit-{@code}">
                  <td><code><xsl:value-of select="@code"/></code></td>
                  <td><xsl:call-template name="m"><xsl:with-param name="k" select="concat('kind.', @kind)"/></xsl:call-template></td>
                  <td>
                    <span lang="th" class="name-th"><xsl:value-of select="@name-th"/></span>
                    <br/>
                    <span lang="en" class="name-en muted"><xsl:value-of select="@name-en"/></span>
                  </td>
                  <td class="parent"><xsl:value-of select="@parent"/></td>
                  <td class="memo-format"><xsl:value-of select="@memo-format"/></td>
                  <td>
                    <a href="/admin/units?edit={@code}#edit">
                      <xsl:attribute name="aria-label">
                        <xsl:call-template name="m"><xsl:with-param name="k" select="'adm.edit-label'"/><xsl:with-param name="arg" select="@code"/></xsl:call-template>
                      </xsl:attribute>
                      <xsl:call-template name="m"><xsl:with-param name="k" select="'adm.edit'"/></xsl:call-template>
                    </a>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.units.empty'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>

    <xsl:if test="$a/@edit">
      <xsl:variable name="u" select="$a/unit[@code = $a/@edit][1]"/>
      <xsl:variable name="typed" select="$f[@action = 'edit']"/>
      <section class="card form-box" id="edit" aria-labelledby="edit-title">
        <h2 id="edit-title"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.edit-title'"/><xsl:with-param name="arg" select="$u/@code"/></xsl:call-template></h2>
        <form method="post" action="/admin/units" class="stack">
          <xsl:call-template name="hidden"><xsl:with-param name="action" select="'edit'"/></xsl:call-template>
          <input type="hidden" name="code" value="{$u/@code}"/>
          <xsl:call-template name="field">
            <xsl:with-param name="name" select="'name_th'"/><xsl:with-param name="label" select="'adm.name-th'"/><xsl:with-param name="lang" select="'th'"/>
            <xsl:with-param name="value" select="substring(concat($typed/@name_th, $u/@name-th), 1, string-length($typed/@name_th) + string-length($u/@name-th) * not($typed))"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="name" select="'name_en'"/><xsl:with-param name="label" select="'adm.name-en'"/><xsl:with-param name="lang" select="'en'"/>
            <xsl:with-param name="value" select="substring(concat($typed/@name_en, $u/@name-en), 1, string-length($typed/@name_en) + string-length($u/@name-en) * not($typed))"/>
          </xsl:call-template>
          <xsl:call-template name="unit-select">
            <xsl:with-param name="name" select="'parent'"/><xsl:with-param name="label" select="'adm.parent'"/><xsl:with-param name="optional" select="'yes'"/>
            <xsl:with-param name="except" select="string($u/@code)"/>
            <xsl:with-param name="value" select="substring(concat($typed/@parent, $u/@parent), 1, string-length($typed/@parent) + string-length($u/@parent) * not($typed))"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="name" select="'memo_format'"/><xsl:with-param name="label" select="'adm.memo-format'"/>
            <xsl:with-param name="hint" select="'adm.memo-format-hint'"/><xsl:with-param name="max" select="100"/><xsl:with-param name="required" select="'no'"/>
            <xsl:with-param name="value" select="substring(concat($typed/@memo_format, $u/@memo-format), 1, string-length($typed/@memo_format) + string-length($u/@memo-format) * not($typed))"/>
          </xsl:call-template>
          <p class="form-actions">
            <button type="submit" class="button"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.save'"/></xsl:call-template></button>
          </p>
        </form>
      </section>
    </xsl:if>

    <xsl:variable name="typed" select="$f[@action = 'add']"/>
    <section class="card form-box" id="add" aria-labelledby="add-title">
      <h2 id="add-title"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.add-unit'"/></xsl:call-template></h2>
      <form method="post" action="/admin/units" class="stack">
        <xsl:call-template name="hidden"><xsl:with-param name="action" select="'add'"/></xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'code'"/><xsl:with-param name="label" select="'adm.code'"/>
          <xsl:with-param name="hint" select="'adm.code-hint'"/><xsl:with-param name="max" select="40"/>
          <xsl:with-param name="value" select="$typed/@code"/>
        </xsl:call-template>
        <p class="field">
          <label for="adm-kind"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.kind'"/></xsl:call-template></label>
          <xsl:if test="$err[@field = 'kind']">
            <span class="field-error" id="adm-kind-e"><xsl:call-template name="m"><xsl:with-param name="k" select="$err[@field = 'kind'][1]/@key"/></xsl:call-template></span>
          </xsl:if>
          <select name="kind" id="adm-kind">
            <xsl:for-each select="exsl:node-set($kinds)/k">
              <option value="{.}">
                <xsl:if test=". = $typed/@kind"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:call-template name="m"><xsl:with-param name="k" select="concat('kind.', .)"/></xsl:call-template>
              </option>
            </xsl:for-each>
          </select>
        </p>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'name_th'"/><xsl:with-param name="label" select="'adm.name-th'"/><xsl:with-param name="lang" select="'th'"/>
          <xsl:with-param name="value" select="$typed/@name_th"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'name_en'"/><xsl:with-param name="label" select="'adm.name-en'"/><xsl:with-param name="lang" select="'en'"/>
          <xsl:with-param name="value" select="$typed/@name_en"/>
        </xsl:call-template>
        <xsl:call-template name="unit-select">
          <xsl:with-param name="name" select="'parent'"/><xsl:with-param name="label" select="'adm.parent'"/><xsl:with-param name="optional" select="'yes'"/>
          <xsl:with-param name="value" select="$typed/@parent"/>
        </xsl:call-template>
        <p class="form-actions">
          <button type="submit" class="button"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.add'"/></xsl:call-template></button>
        </p>
      </form>
    </section>
  </xsl:template>

  <!-- ==== people ==== -->
  <xsl:template name="people">
    <p class="lead"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.people.lead'"/></xsl:call-template></p>

    <xsl:if test="$a/password">
      <section class="card password-once" id="password" aria-labelledby="password-title">
        <h2 id="password-title"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.password-title'"/></xsl:call-template></h2>
        <p><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.password-once'"/><xsl:with-param name="arg" select="$a/password/@username"/></xsl:call-template></p>
        <p><code class="new-password"><xsl:value-of select="$a/password"/></code></p>
      </section>
    </xsl:if>

    <form method="get" action="/admin/people" class="search-form" role="search">
      <p class="field">
        <label for="adm-q"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.search'"/></xsl:call-template></label>
        <input type="search" name="q" id="adm-q" value="{$a/@q}" maxlength="100"/>
        <xsl:text> </xsl:text>
        <button type="submit" class="button"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.search-button'"/></xsl:call-template></button>
      </p>
    </form>

    <section class="card" aria-labelledby="people-title">
      <h2 id="people-title"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.total'"/><xsl:with-param name="arg" select="string($a/@total)"/></xsl:call-template></h2>
      <xsl:choose>
        <xsl:when test="$a/person">
          <table class="admin-people">
            <thead>
              <tr>
                <th scope="col"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.username'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.name'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.roles'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.status'"/></xsl:call-template></th>
              </tr>
            </thead>
            <tbody>
              <xsl:apply-templates select="$a/person"/>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.people.empty'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$a/@page &gt; 1 or $a/@more = 'yes'">
        <nav class="pager">
          <xsl:if test="$a/@page &gt; 1">
            <a rel="prev" href="/admin/people?q={$a/@q}&amp;page={$a/@page - 1}"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.prev'"/></xsl:call-template></a>
          </xsl:if>
          <xsl:text> </xsl:text>
          <xsl:if test="$a/@more = 'yes'">
            <a rel="next" href="/admin/people?q={$a/@q}&amp;page={$a/@page + 1}"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.next'"/></xsl:call-template></a>
          </xsl:if>
        </nav>
      </xsl:if>
    </section>

    <xsl:variable name="typed" select="$f[@action = 'add']"/>
    <section class="card form-box" id="add" aria-labelledby="add-title">
      <h2 id="add-title"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.add-person'"/></xsl:call-template></h2>
      <form method="post" action="/admin/people" class="stack add-person">
        <xsl:call-template name="hidden"><xsl:with-param name="action" select="'add'"/></xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'username'"/><xsl:with-param name="label" select="'adm.username'"/>
          <xsl:with-param name="hint" select="'adm.username-hint'"/><xsl:with-param name="max" select="64"/>
          <xsl:with-param name="value" select="$typed/@username"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'email'"/><xsl:with-param name="label" select="'adm.email'"/>
          <xsl:with-param name="type" select="'email'"/><xsl:with-param name="max" select="254"/>
          <xsl:with-param name="value" select="$typed/@email"/>
        </xsl:call-template>
        <xsl:call-template name="unit-select">
          <xsl:with-param name="name" select="'unit'"/><xsl:with-param name="label" select="'adm.unit'"/>
          <xsl:with-param name="value" select="$typed/@unit"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'name_th'"/><xsl:with-param name="label" select="'adm.name-th'"/><xsl:with-param name="lang" select="'th'"/>
          <xsl:with-param name="value" select="$typed/@name_th"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'name_en'"/><xsl:with-param name="label" select="'adm.name-en'"/><xsl:with-param name="lang" select="'en'"/>
          <xsl:with-param name="value" select="$typed/@name_en"/>
        </xsl:call-template>
        <p class="form-actions">
          <button type="submit" class="button"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.add'"/></xsl:call-template></button>
        </p>
      </form>
    </section>

    <xsl:variable name="styped" select="$f[@action = 'sub-add']"/>
    <section class="card" id="substitutes" aria-labelledby="subs-title">
      <h2 id="subs-title"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.subs.title'"/></xsl:call-template></h2>
      <p class="lead"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.subs.lead'"/></xsl:call-template></p>
      <xsl:choose>
        <xsl:when test="$a/substitute">
          <ul class="substitutes">
            <xsl:for-each select="$a/substitute">
              <li class="substitute">
                <span class="sub-who">
                  <xsl:call-template name="pname"><xsl:with-param name="th" select="@sub-th"/><xsl:with-param name="en" select="@sub-en"/></xsl:call-template>
                  <xsl:text> → </xsl:text>
                  <xsl:call-template name="pname"><xsl:with-param name="th" select="@person-th"/><xsl:with-param name="en" select="@person-en"/></xsl:call-template>
                </span>
                <xsl:text> · </xsl:text>
                <xsl:call-template name="format-date"><xsl:with-param name="date" select="@from"/><xsl:with-param name="be" select="'yes'"/></xsl:call-template>
                <xsl:text> – </xsl:text>
                <xsl:call-template name="format-date"><xsl:with-param name="date" select="@to"/><xsl:with-param name="be" select="'yes'"/></xsl:call-template>
                <xsl:text> · </xsl:text>
                <span class="user-text"><xsl:value-of select="."/></span>
                <form method="post" action="/admin/people" class="inline-form">
                  <xsl:call-template name="hidden"><xsl:with-param name="action" select="'sub-remove'"/></xsl:call-template>
                  <input type="hidden" name="id" value="{@id}"/>
                  <button type="submit" class="button button-danger button-small"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.sub.remove'"/></xsl:call-template></button>
                </form>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.subs.empty'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>
      <form method="post" action="/admin/people" class="stack sub-add">
        <xsl:call-template name="hidden"><xsl:with-param name="action" select="'sub-add'"/></xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'person'"/><xsl:with-param name="label" select="'adm.sub.person'"/><xsl:with-param name="max" select="64"/>
          <xsl:with-param name="value" select="$styped/@person"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'substitute'"/><xsl:with-param name="label" select="'adm.sub.substitute'"/><xsl:with-param name="max" select="64"/>
          <xsl:with-param name="value" select="$styped/@substitute"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'from'"/><xsl:with-param name="label" select="'adm.sub.from'"/><xsl:with-param name="type" select="'date'"/>
          <xsl:with-param name="value" select="$styped/@from"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'to'"/><xsl:with-param name="label" select="'adm.sub.to'"/><xsl:with-param name="type" select="'date'"/>
          <xsl:with-param name="value" select="$styped/@to"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'reason'"/><xsl:with-param name="label" select="'adm.sub.reason'"/><xsl:with-param name="max" select="500"/>
          <xsl:with-param name="value" select="$styped/@reason"/>
        </xsl:call-template>
        <p class="form-actions">
          <button type="submit" class="button"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.sub.add'"/></xsl:call-template></button>
        </p>
      </form>
    </section>
  </xsl:template>

  <xsl:template match="person">
    <xsl:variable name="p" select="."/>
    <tr class="person" id="person-{@username}">
      <td><code class="username"><xsl:value-of select="@username"/></code><br/><span class="email muted"><xsl:value-of select="@email"/></span></td>
      <td>
        <span lang="th" class="name-th"><xsl:value-of select="@name-th"/></span><br/>
        <span lang="en" class="name-en muted"><xsl:value-of select="@name-en"/></span><br/>
        <span class="unit muted"><xsl:value-of select="@unit"/></span>
      </td>
      <td>
        <ul class="roles">
          <xsl:for-each select="role">
            <li class="role">
              <xsl:call-template name="role-name"><xsl:with-param name="id" select="@role"/></xsl:call-template>
              <xsl:text> @ </xsl:text><xsl:value-of select="@unit"/>
              <form method="post" action="/admin/people" class="inline-form">
                <xsl:call-template name="hidden"><xsl:with-param name="action" select="'revoke'"/></xsl:call-template>
                <input type="hidden" name="username" value="{$p/@username}"/>
                <input type="hidden" name="role" value="{@role}"/>
                <input type="hidden" name="unit" value="{@unit}"/>
                <button type="submit" class="link-button">
                  <xsl:attribute name="aria-label"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.revoke-label'"/><xsl:with-param name="arg" select="concat(@role, '@', @unit)"/></xsl:call-template></xsl:attribute>
                  <xsl:call-template name="m"><xsl:with-param name="k" select="'adm.revoke'"/></xsl:call-template>
                </button>
              </form>
            </li>
          </xsl:for-each>
        </ul>
        <form method="post" action="/admin/people" class="inline-form grant">
          <xsl:call-template name="hidden"><xsl:with-param name="action" select="'grant'"/></xsl:call-template>
          <input type="hidden" name="username" value="{@username}"/>
          <select name="role" aria-label="role">
            <xsl:for-each select="exsl:node-set($roles)/k">
              <option value="{.}"><xsl:call-template name="role-name"><xsl:with-param name="id" select="string(.)"/></xsl:call-template></option>
            </xsl:for-each>
          </select>
          <select name="unit" aria-label="unit">
            <xsl:for-each select="$a/unit">
              <option value="{@code}"><xsl:if test="@code = $p/@unit"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="@code"/></option>
            </xsl:for-each>
          </select>
          <button type="submit" class="button button-small"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.grant'"/></xsl:call-template></button>
        </form>
      </td>
      <td>
        <span class="status status-{@active}">
          <xsl:call-template name="m"><xsl:with-param name="k" select="substring('adm.activeadm.inactive', 1 + 10 * (@active = 'no'), 10 + 2 * (@active = 'no'))"/></xsl:call-template>
        </span>
        <form method="post" action="/admin/people" class="inline-form">
          <xsl:call-template name="hidden"><xsl:with-param name="action" select="substring('deactivatereactivate', 1 + 10 * (@active = 'no'), 10)"/></xsl:call-template>
          <input type="hidden" name="username" value="{@username}"/>
          <button type="submit" class="button button-small"><xsl:call-template name="m"><xsl:with-param name="k" select="concat('adm.', substring('deactivatereactivate', 1 + 10 * (@active = 'no'), 10))"/></xsl:call-template></button>
        </form>
        <form method="post" action="/admin/people" class="inline-form">
          <xsl:call-template name="hidden"><xsl:with-param name="action" select="'reset'"/></xsl:call-template>
          <input type="hidden" name="username" value="{@username}"/>
          <button type="submit" class="button button-small"><xsl:call-template name="m"><xsl:with-param name="k" select="'adm.reset'"/></xsl:call-template></button>
        </form>
      </td>
    </tr>
  </xsl:template>

  <xsl:variable name="kinds">
    <k>office</k><k>group</k><k>school</k><k>faculty</k><k>data-owner</k><k>other</k>
  </xsl:variable>
  <xsl:variable name="roles">
    <k>requester</k><k>ict-officer</k><k>ict-head</k><k>department-head</k><k>director</k>
    <k>records-office</k><k>data-owner</k><k>procurement</k><k>committee</k><k>administrator</k>
  </xsl:variable>
</xsl:stylesheet>
