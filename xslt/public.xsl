<?xml version="1.0" encoding="UTF-8"?>
<!--
  The pages a visitor sees without signing in (fcgi/h_public.c). Input:
  <public kind="filed|receipt|confirm-used|confirm-expired|link-invalid|throttled|track|tracked|
                survey|survey-done|survey-used|survey-expired|survey-closed"
          number? code? wait? csrf? not-found? status? updated? error? score? action?>
    <session …/>?                                   when someone is signed in
    <process code><title><th/><en/></title></process>?
    <step id><label><th/><en/></label></step>?      tracked: the current step
    <comment/>?                                     survey: what was typed
  </public>
  Every page has a title (pub.{kind}.title) and a text (pub.{kind}.text, {0} = the number or
  the minutes to wait); receipt, track, tracked and survey add their own parts.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>

  <xsl:variable name="pp" select="/public"/>
  <xsl:variable name="kind" select="string($pp/@kind)"/>

  <xsl:template name="page-class">page-public</xsl:template>

  <xsl:template name="page-title">
    <xsl:call-template name="msg"><xsl:with-param name="key" select="concat('pub.', $kind, '.title')"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="page-main">
    <header class="page-head">
      <xsl:if test="$pp/process">
        <p class="kicker">
          <a href="/processes/{$pp/process/@code}"><xsl:apply-templates select="$pp/process/title" mode="bi"/></a>
        </p>
      </xsl:if>
      <h1><xsl:call-template name="page-title"/></h1>
      <p class="lead">
        <xsl:call-template name="msg">
          <xsl:with-param name="key" select="concat('pub.', $kind, '.text')"/>
          <xsl:with-param name="arg" select="concat($pp/@number, $pp/@wait)"/>
        </xsl:call-template>
      </p>
    </header>
    <xsl:choose>
      <xsl:when test="$kind = 'receipt'"><xsl:call-template name="receipt"/></xsl:when>
      <xsl:when test="$kind = 'track'"><xsl:call-template name="track-form"/></xsl:when>
      <xsl:when test="$kind = 'tracked'"><xsl:call-template name="tracked"/></xsl:when>
      <xsl:when test="$kind = 'survey'"><xsl:call-template name="survey-form"/></xsl:when>
    </xsl:choose>
    <p class="public-links">
      <a href="/track"><xsl:call-template name="msg"><xsl:with-param name="key" select="'track.link'"/></xsl:call-template></a>
      <xsl:text> · </xsl:text>
      <a href="{$catalogue-url}"><xsl:call-template name="msg"><xsl:with-param name="key" select="'nav.catalogue'"/></xsl:call-template></a>
    </p>
  </xsl:template>

  <xsl:template name="receipt">
    <section class="receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title"><xsl:call-template name="msg"><xsl:with-param name="key" select="'rcpt.title'"/></xsl:call-template></h2>
      <dl class="receipt-codes">
        <div>
          <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'rcpt.number'"/></xsl:call-template></dt>
          <dd><code class="big-code request-number"><xsl:value-of select="$pp/@number"/></code></dd>
        </div>
        <div>
          <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'rcpt.code'"/></xsl:call-template></dt>
          <dd><code class="big-code tracking-code"><xsl:value-of select="$pp/@code"/></code></dd>
        </div>
      </dl>
      <p class="receipt-once"><xsl:call-template name="msg"><xsl:with-param name="key" select="'pub.receipt.once'"/></xsl:call-template></p>
    </section>
  </xsl:template>

  <xsl:template name="track-form">
    <xsl:if test="$pp/@not-found = 'yes'">
      <p class="form-error" role="alert"><xsl:call-template name="msg"><xsl:with-param name="key" select="'track.not-found'"/></xsl:call-template></p>
    </xsl:if>
    <section class="card form-card">
      <form method="post" action="/track" class="stack">
        <input type="hidden" name="csrf" value="{$pp/@csrf}"/>
        <p class="field">
          <label for="f-number"><xsl:call-template name="msg"><xsl:with-param name="key" select="'rcpt.number'"/></xsl:call-template></label>
          <input type="text" name="number" id="f-number" required="required" maxlength="63" autocomplete="off"/>
        </p>
        <p class="field">
          <label for="f-code"><xsl:call-template name="msg"><xsl:with-param name="key" select="'rcpt.code'"/></xsl:call-template></label>
          <input type="text" name="code" id="f-code" required="required" maxlength="32" autocomplete="off"/>
        </p>
        <p class="form-actions">
          <button type="submit" class="button"><xsl:call-template name="msg"><xsl:with-param name="key" select="'track.submit'"/></xsl:call-template></button>
        </p>
      </form>
    </section>
  </xsl:template>

  <xsl:template name="tracked">
    <section class="card tracked">
      <dl class="facts">
        <div>
          <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'rcpt.number'"/></xsl:call-template></dt>
          <dd class="request-number"><xsl:value-of select="$pp/@number"/></dd>
        </div>
        <div>
          <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'track.status'"/></xsl:call-template></dt>
          <dd class="status status-{$pp/@status}"><xsl:call-template name="msg"><xsl:with-param name="key" select="concat('st.', $pp/@status)"/></xsl:call-template></dd>
        </div>
        <div>
          <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'track.step'"/></xsl:call-template></dt>
          <dd class="step"><xsl:apply-templates select="$pp/step/label" mode="bi"/></dd>
        </div>
        <div>
          <dt><xsl:call-template name="msg"><xsl:with-param name="key" select="'track.updated'"/></xsl:call-template></dt>
          <dd class="updated"><xsl:call-template name="format-date"><xsl:with-param name="date" select="$pp/@updated"/><xsl:with-param name="be" select="'yes'"/></xsl:call-template></dd>
        </div>
      </dl>
    </section>
  </xsl:template>

  <xsl:template name="survey-form">
    <xsl:if test="$pp/@error">
      <p class="form-error" role="alert"><xsl:call-template name="msg"><xsl:with-param name="key" select="$pp/@error"/></xsl:call-template></p>
    </xsl:if>
    <section class="card form-card">
      <form method="post" action="{$pp/@action}" class="stack">
        <input type="hidden" name="csrf" value="{$pp/@csrf}"/>
        <fieldset class="field field-choices rating" role="radiogroup">
          <legend>
            <xsl:call-template name="msg"><xsl:with-param name="key" select="'rate.legend'"/></xsl:call-template>
            <span class="req-mark" aria-hidden="true"> *</span>
          </legend>
          <xsl:call-template name="score"><xsl:with-param name="n" select="5"/></xsl:call-template>
          <xsl:call-template name="score"><xsl:with-param name="n" select="4"/></xsl:call-template>
          <xsl:call-template name="score"><xsl:with-param name="n" select="3"/></xsl:call-template>
          <xsl:call-template name="score"><xsl:with-param name="n" select="2"/></xsl:call-template>
          <xsl:call-template name="score"><xsl:with-param name="n" select="1"/></xsl:call-template>
        </fieldset>
        <p class="field">
          <label for="f-comment"><xsl:call-template name="msg"><xsl:with-param name="key" select="'survey.comment-label'"/></xsl:call-template></label>
          <textarea name="comment" id="f-comment" rows="4" maxlength="1000"><xsl:value-of select="$pp/comment"/></textarea>
        </p>
        <p class="form-actions">
          <button type="submit" class="button"><xsl:call-template name="msg"><xsl:with-param name="key" select="'survey.submit'"/></xsl:call-template></button>
        </p>
      </form>
    </section>
  </xsl:template>

  <xsl:template name="score">
    <xsl:param name="n"/>
    <span class="choice">
      <input type="radio" name="score" value="{$n}" id="score-{$n}" required="required">
        <xsl:if test="string($pp/@score) = string($n)"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input>
      <label for="score-{$n}">
        <span class="rate-n"><xsl:value-of select="$n"/></span>
        <xsl:text> </xsl:text>
        <xsl:call-template name="msg"><xsl:with-param name="key" select="concat('rate.', $n)"/></xsl:call-template>
      </label>
    </span>
  </xsl:template>
</xsl:stylesheet>
