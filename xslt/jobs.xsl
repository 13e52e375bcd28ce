<?xml version="1.0" encoding="UTF-8"?>
<!--
  Staff page: the jobs that failed for good (dead), with a button to queue one again.
  <jobs done="id"?>
    <session username name-th name-en csrf/>
    <job id kind key attempts max updated>last error</job>*
  </jobs>
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="layout.xsl"/>

  <xsl:template name="page-class">page-jobs</xsl:template>

  <xsl:template name="page-title">
    <xsl:call-template name="msg"><xsl:with-param name="key" select="'jobs.title'"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="page-main">
    <header class="page-head">
      <h1><xsl:call-template name="msg"><xsl:with-param name="key" select="'jobs.title'"/></xsl:call-template></h1>
      <p class="lead"><xsl:call-template name="msg"><xsl:with-param name="key" select="'jobs.lead'"/></xsl:call-template></p>
    </header>
    <xsl:if test="/jobs/@done">
      <p class="notice" role="status">
        <xsl:call-template name="msg">
          <xsl:with-param name="key" select="'jobs.requeued'"/>
          <xsl:with-param name="arg" select="/jobs/@done"/>
        </xsl:call-template>
      </p>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="/jobs/job">
        <table class="jobs">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'jobs.kind'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'jobs.attempts'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'jobs.error'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="msg"><xsl:with-param name="key" select="'jobs.updated'"/></xsl:call-template></th>
              <th scope="col"><span class="vh"><xsl:call-template name="msg"><xsl:with-param name="key" select="'jobs.retry'"/></xsl:call-template></span></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="/jobs/job">
              <tr class="job" id="job-{@id}">
                <td><xsl:value-of select="@id"/></td>
                <td><xsl:value-of select="@kind"/><br/><small><xsl:value-of select="@key"/></small></td>
                <td><xsl:value-of select="concat(@attempts, '/', @max)"/></td>
                <td class="job-error"><xsl:value-of select="."/></td>
                <td>
                  <xsl:call-template name="format-date">
                    <xsl:with-param name="date" select="@updated"/>
                    <xsl:with-param name="style" select="'short'"/>
                    <xsl:with-param name="be" select="'yes'"/>
                  </xsl:call-template>
                </td>
                <td>
                  <form method="post" action="/admin/jobs">
                    <input type="hidden" name="csrf" value="{/jobs/session/@csrf}"/>
                    <input type="hidden" name="job" value="{@id}"/>
                    <button type="submit"><xsl:call-template name="msg"><xsl:with-param name="key" select="'jobs.retry'"/></xsl:call-template></button>
                  </form>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="msg"><xsl:with-param name="key" select="'jobs.empty'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
