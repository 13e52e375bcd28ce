<?xml version="1.0" encoding="UTF-8"?>
<!--
  The request form of one process: what a requester fills in to file a request. Input:
  <request-form submission="32 hex">
    <session username name-th name-en csrf/>
    <process …/>                              the full definition (processes/*.xml)
    <values><v name="…">text</v>*</values>?   what was typed, shown again (a multiple checkbox:
                                               one v per ticked option)
    <error field="name" key="field.*" arg=""/>*
    <visitor csrf/>?                          a visitor not signed in, filing a public process:
                                               the form asks for their name, e-mail and phone
                                               (requester_name, requester_email, requester_phone;
                                               what was typed comes back in values)
  </request-form>
  The request form is the process/forms/form whose @step is the id of the first step. Controls
  are named as fcgi/form.c reads them: a field's @name; a multiple checkbox "{name}.{option}".
  Every control has the id "f-{name}" (a group: its first input), its hint "h-{name}", its
  error "e-{name}"; the error summary links to "#f-{name}".
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" exclude-result-prefixes="exsl">
  <xsl:import href="layout.xsl"/>

  <xsl:variable name="rf" select="/request-form"/>
  <xsl:variable name="p" select="$rf/process[1]"/>
  <xsl:variable name="first" select="string($p/steps/step[1]/@id)"/>
  <xsl:variable name="form" select="$p/forms/form[@step = $first][1]"/>
  <xsl:variable name="errs" select="$rf/error"/>

  <!-- The visitor's contact (fcgi/h_public.c checks them), shown like the form's own fields. -->
  <xsl:variable name="visitor-rtf">
    <field name="requester_name" type="text" required="true" max-length="200">
      <label><th>ชื่อ-นามสกุลผู้ขอรับบริการ</th><en>Your full name</en></label>
    </field>
    <field name="requester_email" type="email" required="true" max-length="254">
      <label><th>อีเมลผู้ขอรับบริการ</th><en>Your e-mail</en></label>
      <help><th>ระบบจะส่งลิงก์ยืนยันคำขอไปที่อีเมลนี้ คำขอจะเริ่มดำเนินการเมื่อท่านกดลิงก์ภายใน 48 ชั่วโมง</th><en>Borikan mails a confirmation link to this address; the request starts once you follow it, within 48 hours.</en></help>
    </field>
    <field name="requester_phone" type="tel" required="true" max-length="20">
      <label><th>โทรศัพท์ผู้ขอรับบริการ</th><en>Your phone</en></label>
      <help><th>ตัวเลข 9–15 หลัก</th><en>9–15 digits</en></help>
    </field>
  </xsl:variable>
  <xsl:variable name="vfields" select="exsl:node-set($visitor-rtf)/field[$rf/visitor]"/>

  <xsl:template name="page-class">page-request-form</xsl:template>

  <xsl:template name="page-title">
    <xsl:call-template name="msg">
      <xsl:with-param name="key" select="'rf.title'"/>
      <xsl:with-param name="arg"><xsl:apply-templates select="$p/title" mode="bi"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="page-main">
    <header class="page-head">
      <p class="kicker">
        <a href="{$catalogue-url}">
          <xsl:call-template name="msg"><xsl:with-param name="key" select="'nav.catalogue'"/></xsl:call-template>
        </a>
        <xsl:text> · </xsl:text>
        <xsl:call-template name="msg"><xsl:with-param name="key" select="'rf.kicker'"/></xsl:call-template>
      </p>
      <h1><xsl:call-template name="page-title"/></h1>
      <p class="lead"><xsl:apply-templates select="$p/summary" mode="bi"/></p>
      <p class="entry-meta">
        <span class="time-limit">
          <span class="meta-label"><xsl:call-template name="msg"><xsl:with-param name="key" select="'tl.label'"/></xsl:call-template></span>
          <xsl:text> </xsl:text>
          <xsl:call-template name="time-limit-text"><xsl:with-param name="tl" select="$p/time-limit"/></xsl:call-template>
        </span>
        <a class="manual-link" href="/processes/{$p/@code}">
          <xsl:call-template name="msg"><xsl:with-param name="key" select="'rf.manual'"/></xsl:call-template>
        </a>
      </p>
    </header>

    <section class="card form-card">
      <xsl:if test="$errs">
        <div class="form-error error-summary" role="alert">
          <p><xsl:call-template name="msg"><xsl:with-param name="key" select="'form.error-summary'"/></xsl:call-template></p>
          <ul>
            <xsl:for-each select="$errs">
              <xsl:variable name="n" select="string(@field)"/>
              <xsl:variable name="f" select="($form/field | $vfields)[@name = $n][1]"/>
              <li>
                <xsl:choose>
                  <xsl:when test="$f">
                    <a href="#f-{$n}"><xsl:apply-templates select="$f/label" mode="bi"/></a>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="$n"/></xsl:otherwise>
                </xsl:choose>
                <xsl:text>: </xsl:text>
                <xsl:call-template name="msg">
                  <xsl:with-param name="key" select="@key"/>
                  <xsl:with-param name="arg" select="@arg"/>
                </xsl:call-template>
              </li>
            </xsl:for-each>
          </ul>
        </div>
      </xsl:if>

      <xsl:choose>
        <xsl:when test="$form">
          <h2 class="form-title">
            <xsl:apply-templates select="$form/title" mode="bi"/>
            <xsl:if test="$form/@document">
              <xsl:text> </xsl:text>
              <span class="doc-code"><xsl:value-of select="$form/@document"/></span>
            </xsl:if>
          </h2>
          <xsl:if test="$form/field[@required = 'true' and @type != 'file']">
            <p class="note"><xsl:call-template name="msg"><xsl:with-param name="key" select="'rf.required-note'"/></xsl:call-template></p>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:call-template name="msg"><xsl:with-param name="key" select="'rf.no-form'"/></xsl:call-template></p>
        </xsl:otherwise>
      </xsl:choose>

      <form method="post" action="/processes/{$p/@code}/request" class="stack">
        <input type="hidden" name="csrf" value="{$rf/session/@csrf}{$rf/visitor/@csrf}"/>
        <input type="hidden" name="submission" value="{$rf/@submission}"/>
        <xsl:if test="$vfields">
          <fieldset class="visitor">
            <legend><xsl:call-template name="msg"><xsl:with-param name="key" select="'pub.contact'"/></xsl:call-template></legend>
            <p class="note"><xsl:call-template name="msg"><xsl:with-param name="key" select="'pub.contact-note'"/></xsl:call-template></p>
            <xsl:apply-templates select="$vfields"/>
          </fieldset>
        </xsl:if>
        <xsl:apply-templates select="$form/field"/>
        <p class="form-actions">
          <button type="submit" class="button">
            <xsl:call-template name="msg"><xsl:with-param name="key" select="'rf.submit'"/></xsl:call-template>
          </button>
        </p>
        <p class="note">
          <xsl:choose>
            <xsl:when test="$vfields"><xsl:call-template name="msg"><xsl:with-param name="key" select="'pub.after'"/></xsl:call-template></xsl:when>
            <xsl:otherwise><xsl:call-template name="msg"><xsl:with-param name="key" select="'rf.after'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </p>
      </form>
    </section>
  </xsl:template>

  <!-- " *" for sighted readers, "(required)" for screen readers. -->
  <xsl:template name="req-mark">
    <xsl:if test="@required = 'true'">
      <span class="req-mark" aria-hidden="true"> *</span>
      <span class="vh">
        <xsl:text> </xsl:text>
        <xsl:call-template name="msg"><xsl:with-param name="key" select="'field.required-mark'"/></xsl:call-template>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- The hint and the error of the context field, in this order. -->
  <xsl:template name="hint-and-error">
    <xsl:param name="e"/>
    <xsl:if test="help">
      <span class="field-hint" id="h-{@name}"><xsl:apply-templates select="help" mode="bi"/></span>
    </xsl:if>
    <xsl:if test="$e">
      <span class="field-error" id="e-{@name}">
        <xsl:call-template name="msg">
          <xsl:with-param name="key" select="$e/@key"/>
          <xsl:with-param name="arg" select="$e/@arg"/>
        </xsl:call-template>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- aria-invalid and aria-describedby of a control of the context field. -->
  <xsl:template name="aria">
    <xsl:param name="e"/>
    <xsl:if test="$e"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
    <xsl:if test="help or $e">
      <xsl:attribute name="aria-describedby">
        <xsl:if test="help">h-<xsl:value-of select="@name"/></xsl:if>
        <xsl:if test="help and $e"><xsl:text> </xsl:text></xsl:if>
        <xsl:if test="$e">e-<xsl:value-of select="@name"/></xsl:if>
      </xsl:attribute>
    </xsl:if>
  </xsl:template>

  <xsl:template name="field-class">
    <xsl:param name="e"/>
    <xsl:param name="extra"/>
    <xsl:attribute name="class">
      <xsl:text>field</xsl:text>
      <xsl:if test="$extra != ''"><xsl:text> </xsl:text><xsl:value-of select="$extra"/></xsl:if>
      <xsl:if test="$e"> field-invalid</xsl:if>
    </xsl:attribute>
  </xsl:template>

  <xsl:template match="field">
    <xsl:variable name="n" select="string(@name)"/>
    <xsl:variable name="e" select="$errs[@field = $n][1]"/>
    <xsl:variable name="vals" select="$rf/values/v[@name = $n]"/>
    <xsl:choose>
      <!-- a group of radio buttons or of checkboxes: a fieldset, one label per option -->
      <xsl:when test="@type = 'radio' or (@type = 'checkbox' and @multiple = 'true')">
        <xsl:variable name="radio" select="@type = 'radio'"/>
        <fieldset>
          <xsl:call-template name="field-class">
            <xsl:with-param name="e" select="$e"/>
            <xsl:with-param name="extra" select="'field-choices'"/>
          </xsl:call-template>
          <xsl:if test="$radio">
            <xsl:attribute name="role">radiogroup</xsl:attribute>
            <xsl:call-template name="aria"><xsl:with-param name="e" select="$e"/></xsl:call-template>
          </xsl:if>
          <legend><xsl:apply-templates select="label" mode="bi"/><xsl:call-template name="req-mark"/></legend>
          <xsl:call-template name="hint-and-error"><xsl:with-param name="e" select="$e"/></xsl:call-template>
          <xsl:variable name="fld" select="."/>
          <xsl:for-each select="option">
            <xsl:variable name="id">
              <xsl:text>f-</xsl:text><xsl:value-of select="$n"/>
              <xsl:if test="position() &gt; 1">-<xsl:value-of select="@value"/></xsl:if>
            </xsl:variable>
            <span class="choice">
              <input id="{$id}">
                <xsl:choose>
                  <xsl:when test="$radio">
                    <xsl:attribute name="type">radio</xsl:attribute>
                    <xsl:attribute name="name"><xsl:value-of select="$n"/></xsl:attribute>
                    <xsl:attribute name="value"><xsl:value-of select="@value"/></xsl:attribute>
                    <xsl:if test="$fld/@required = 'true'"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:attribute name="type">checkbox</xsl:attribute>
                    <xsl:attribute name="name"><xsl:value-of select="concat($n, '.', @value)"/></xsl:attribute>
                    <xsl:attribute name="value">1</xsl:attribute>
                    <xsl:for-each select="$fld">
                      <xsl:call-template name="aria"><xsl:with-param name="e" select="$e"/></xsl:call-template>
                    </xsl:for-each>
                  </xsl:otherwise>
                </xsl:choose>
                <xsl:if test="$vals = @value"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              </input>
              <label for="{$id}"><xsl:apply-templates select="." mode="bi"/></label>
            </span>
          </xsl:for-each>
        </fieldset>
      </xsl:when>

      <!-- one checkbox: yes or nothing -->
      <xsl:when test="@type = 'checkbox'">
        <p>
          <xsl:call-template name="field-class">
            <xsl:with-param name="e" select="$e"/>
            <xsl:with-param name="extra" select="'field-check'"/>
          </xsl:call-template>
          <span class="choice">
            <input type="checkbox" name="{$n}" id="f-{$n}" value="yes">
              <xsl:if test="@required = 'true'"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
              <xsl:if test="$vals = 'yes'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              <xsl:call-template name="aria"><xsl:with-param name="e" select="$e"/></xsl:call-template>
            </input>
            <label for="f-{$n}"><xsl:apply-templates select="label" mode="bi"/><xsl:call-template name="req-mark"/></label>
          </span>
          <xsl:call-template name="hint-and-error"><xsl:with-param name="e" select="$e"/></xsl:call-template>
        </p>
      </xsl:when>

      <!-- attachments are added on the request's page, once it exists -->
      <xsl:when test="@type = 'file'">
        <p class="field field-file">
          <span class="label-text"><xsl:apply-templates select="label" mode="bi"/></span>
          <span class="field-hint">
            <xsl:call-template name="msg"><xsl:with-param name="key" select="'rf.file-note'"/></xsl:call-template>
          </span>
          <xsl:if test="help">
            <span class="field-hint"><xsl:apply-templates select="help" mode="bi"/></span>
          </xsl:if>
        </p>
      </xsl:when>

      <xsl:otherwise>
        <p>
          <xsl:call-template name="field-class"><xsl:with-param name="e" select="$e"/></xsl:call-template>
          <label for="f-{$n}"><xsl:apply-templates select="label" mode="bi"/><xsl:call-template name="req-mark"/></label>
          <xsl:call-template name="hint-and-error"><xsl:with-param name="e" select="$e"/></xsl:call-template>
          <xsl:choose>
            <xsl:when test="@type = 'textarea'">
              <textarea name="{$n}" id="f-{$n}" rows="5">
                <xsl:call-template name="limits"/>
                <xsl:call-template name="aria"><xsl:with-param name="e" select="$e"/></xsl:call-template>
                <xsl:value-of select="$vals[1]"/>
              </textarea>
            </xsl:when>
            <xsl:when test="@type = 'select'">
              <select name="{$n}" id="f-{$n}">
                <xsl:if test="@required = 'true'"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
                <xsl:call-template name="aria"><xsl:with-param name="e" select="$e"/></xsl:call-template>
                <option value="">
                  <xsl:call-template name="msg"><xsl:with-param name="key" select="'rf.choose'"/></xsl:call-template>
                </option>
                <xsl:for-each select="option">
                  <option value="{@value}">
                    <xsl:if test="$vals = @value"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                    <xsl:apply-templates select="." mode="bi"/>
                  </option>
                </xsl:for-each>
              </select>
            </xsl:when>
            <xsl:otherwise>
              <input name="{$n}" id="f-{$n}">
                <xsl:attribute name="type">
                  <xsl:choose>
                    <xsl:when test="@type = 'email' or @type = 'tel' or @type = 'url' or @type = 'date' or @type = 'number'">
                      <xsl:value-of select="@type"/>
                    </xsl:when>
                    <xsl:otherwise>text</xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
                <xsl:if test="@type = 'number'">
                  <xsl:attribute name="inputmode">numeric</xsl:attribute>
                  <xsl:if test="@min"><xsl:attribute name="min"><xsl:value-of select="@min"/></xsl:attribute></xsl:if>
                  <xsl:if test="@max"><xsl:attribute name="max"><xsl:value-of select="@max"/></xsl:attribute></xsl:if>
                </xsl:if>
                <xsl:if test="@type = 'email' or @type = 'url'">
                  <xsl:attribute name="autocapitalize">none</xsl:attribute>
                  <xsl:attribute name="spellcheck">false</xsl:attribute>
                </xsl:if>
                <xsl:call-template name="limits"/>
                <xsl:call-template name="aria"><xsl:with-param name="e" select="$e"/></xsl:call-template>
                <xsl:if test="$vals">
                  <xsl:attribute name="value"><xsl:value-of select="$vals[1]"/></xsl:attribute>
                </xsl:if>
              </input>
            </xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- required, maxlength and minlength of a text-like control -->
  <xsl:template name="limits">
    <xsl:if test="@required = 'true'"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
    <xsl:if test="@max-length and @type != 'number' and @type != 'date'">
      <xsl:attribute name="maxlength"><xsl:value-of select="@max-length"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="@min-length and @type != 'number' and @type != 'date'">
      <xsl:attribute name="minlength"><xsl:value-of select="@min-length"/></xsl:attribute>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
