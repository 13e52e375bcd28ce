<?xml version="1.0" encoding="UTF-8"?>
<!--
  The yearly service log (manual 003 §5.4) of every process. Input:
  <log year current-year process status page pages total per-page csv="/log.csv?…">
    <session username name-th name-en csrf/>
    <years><y>2570</y>*</years>
    <processes><p code th en/>*</processes>
    <rows><row number process process-th process-en service-th service-en system-th system-en
               requester status created closed within="yes|no"? satisfaction="0-5">
      <in>memo number</in>* <out>memo number</out>*
    </row>*</rows>
  </log>
  Filters are a GET form; the table scrolls sideways on a phone.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>

  <xsl:variable name="g" select="/log"/>

  <xsl:template name="page-class">page-log</xsl:template>

  <xsl:template name="page-title">
    <xsl:call-template name="msg"><xsl:with-param name="key" select="'log.title'"/></xsl:call-template>
    <xsl:text> </xsl:text>
    <xsl:value-of select="$g/@year"/>
  </xsl:template>

  <xsl:template name="page-main">
    <header class="page-head log-head">
      <h1>
        <xsl:call-template name="msg"><xsl:with-param name="key" select="'log.title'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <span class="log-year">
          <xsl:call-template name="msg">
            <xsl:with-param name="key" select="'memo.fy'"/>
            <xsl:with-param name="arg" select="$g/@year"/>
          </xsl:call-template>
        </span>
      </h1>
      <p class="lead"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.lead'"/></xsl:call-template></p>
    </header>

    <form method="get" action="/log" class="log-filters">
      <p class="field">
        <label for="f-year"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.year'"/></xsl:call-template></label>
        <select name="year" id="f-year">
          <xsl:for-each select="$g/years/y">
            <option value="{.}">
              <xsl:if test=". = $g/@year"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="."/>
            </option>
          </xsl:for-each>
          <xsl:if test="not($g/years/y[. = $g/@year])">
            <option value="{$g/@year}" selected="selected"><xsl:value-of select="$g/@year"/></option>
          </xsl:if>
        </select>
      </p>
      <p class="field">
        <label for="f-process"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.process'"/></xsl:call-template></label>
        <select name="process" id="f-process">
          <option value=""><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.all-processes'"/></xsl:call-template></option>
          <xsl:for-each select="$g/processes/p">
            <option value="{@code}">
              <xsl:if test="@code = $g/@process"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:call-template name="pick"><xsl:with-param name="th" select="@th"/><xsl:with-param name="en" select="@en"/></xsl:call-template>
            </option>
          </xsl:for-each>
        </select>
      </p>
      <p class="field">
        <label for="f-status"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.status'"/></xsl:call-template></label>
        <select name="status" id="f-status">
          <option value=""><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.all-statuses'"/></xsl:call-template></option>
          <xsl:call-template name="status-option"><xsl:with-param name="s" select="'open'"/></xsl:call-template>
          <xsl:call-template name="status-option"><xsl:with-param name="s" select="'returned'"/></xsl:call-template>
          <xsl:call-template name="status-option"><xsl:with-param name="s" select="'done'"/></xsl:call-template>
          <xsl:call-template name="status-option"><xsl:with-param name="s" select="'rejected'"/></xsl:call-template>
        </select>
      </p>
      <p class="form-actions">
        <button type="submit" class="button"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.filter'"/></xsl:call-template></button>
        <xsl:text> </xsl:text>
        <a class="button button-secondary log-csv" href="{$g/@csv}" download="">
          <xsl:call-template name="msg"><xsl:with-param name="key" select="'log.csv'"/></xsl:call-template>
        </a>
      </p>
    </form>

    <p class="log-total">
      <xsl:call-template name="msg">
        <xsl:with-param name="key" select="'log.total'"/>
        <xsl:with-param name="arg" select="$g/@total"/>
      </xsl:call-template>
    </p>

    <xsl:choose>
      <xsl:when test="$g/rows/row">
        <div class="table-scroll">
          <table class="log-table">
            <thead>
              <tr>
                <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.col.number'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.col.process'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.col.system'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.col.service'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.col.requester'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.col.in'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.col.out'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.col.filed'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.col.closed'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.col.within'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.col.score'"/></xsl:call-template></th>
              </tr>
            </thead>
            <tbody>
              <xsl:apply-templates select="$g/rows/row"/>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.empty'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>

    <xsl:if test="$g/@pages &gt; 1">
      <nav class="pager">
        <xsl:attribute name="aria-label">
          <xsl:call-template name="msg">
            <xsl:with-param name="key" select="'log.page'"/>
            <xsl:with-param name="arg" select="$g/@page"/>
          </xsl:call-template>
        </xsl:attribute>
        <xsl:if test="$g/@page &gt; 1">
          <a rel="prev" href="{concat('/log?year=', $g/@year, '&amp;process=', $g/@process, '&amp;status=', $g/@status, '&amp;page=', $g/@page - 1)}">
            <xsl:call-template name="msg"><xsl:with-param name="key" select="'log.prev'"/></xsl:call-template>
          </a>
        </xsl:if>
        <span class="pager-here">
          <xsl:call-template name="msg">
            <xsl:with-param name="key" select="'log.page'"/>
            <xsl:with-param name="arg" select="concat($g/@page, ' / ', $g/@pages)"/>
          </xsl:call-template>
        </span>
        <xsl:if test="$g/@page &lt; $g/@pages">
          <a rel="next" href="{concat('/log?year=', $g/@year, '&amp;process=', $g/@process, '&amp;status=', $g/@status, '&amp;page=', $g/@page + 1)}">
            <xsl:call-template name="msg"><xsl:with-param name="key" select="'log.next'"/></xsl:call-template>
          </a>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template name="pick">
    <xsl:param name="th"/>
    <xsl:param name="en"/>
    <xsl:choose>
      <xsl:when test="$L = 'en' and normalize-space($en) != ''"><xsl:value-of select="$en"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$th"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="status-option">
    <xsl:param name="s"/>
    <option value="{$s}">
      <xsl:if test="$s = $g/@status"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:call-template name="msg"><xsl:with-param name="key" select="concat('st.', $s)"/></xsl:call-template>
    </option>
  </xsl:template>

  <xsl:template name="day">
    <xsl:param name="at"/>
    <xsl:if test="string($at) != ''">
      <time datetime="{substring($at, 1, 10)}">
        <xsl:call-template name="format-date">
          <xsl:with-param name="date" select="substring($at, 1, 10)"/>
          <xsl:with-param name="style" select="'short'"/>
          <xsl:with-param name="be" select="'yes'"/>
        </xsl:call-template>
      </time>
    </xsl:if>
  </xsl:template>

  <xsl:template match="row">
    <tr class="log-row status-{@status}">
      <td class="log-number"><a href="/requests/{@number}"><xsl:value-of select="@number"/></a></td>
      <td class="log-process"><xsl:call-template name="pick"><xsl:with-param name="th" select="@process-th"/><xsl:with-param name="en" select="@process-en"/></xsl:call-template></td>
      <td class="log-system"><xsl:call-template name="pick"><xsl:with-param name="th" select="@system-th"/><xsl:with-param name="en" select="@system-en"/></xsl:call-template></td>
      <td class="log-service"><xsl:call-template name="pick"><xsl:with-param name="th" select="@service-th"/><xsl:with-param name="en" select="@service-en"/></xsl:call-template></td>
      <td class="log-requester"><xsl:value-of select="@requester"/></td>
      <td class="log-in"><xsl:for-each select="in"><span class="memo-number"><xsl:value-of select="."/></span><xsl:if test="position() != last()"><br/></xsl:if></xsl:for-each></td>
      <td class="log-out"><xsl:for-each select="out"><span class="memo-number"><xsl:value-of select="."/></span><xsl:if test="position() != last()"><br/></xsl:if></xsl:for-each></td>
      <td class="log-filed"><xsl:call-template name="day"><xsl:with-param name="at" select="@created"/></xsl:call-template></td>
      <td class="log-closed"><xsl:call-template name="day"><xsl:with-param name="at" select="@closed"/></xsl:call-template></td>
      <td class="log-within">
        <xsl:choose>
          <xsl:when test="@within = 'yes'"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.within-yes'"/></xsl:call-template></xsl:when>
          <xsl:when test="@within = 'no'"><xsl:call-template name="msg"><xsl:with-param name="key" select="'log.within-no'"/></xsl:call-template></xsl:when>
        </xsl:choose>
      </td>
      <td class="log-score"><xsl:if test="@satisfaction &gt; 0"><xsl:value-of select="@satisfaction"/></xsl:if></td>
    </tr>
  </xsl:template>
</xsl:stylesheet>
