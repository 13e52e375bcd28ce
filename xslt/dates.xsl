<?xml version="1.0" encoding="UTF-8"?>
<!--
  Dates for Borikan pages.

  format-date   date   ISO "YYYY-MM-DD" or "YYYY-MM-DDThh:mm[:ss][zone]"
                style  'long' (default): "22 พฤศจิกายน 2569" / "22 November 2026"
                       'short': "22 พ.ย. 2569" / "22 Nov 2026"
                be     'yes': in English, append the Buddhist-era year: "22 November 2026 (B.E. 2569)"
                lang   defaults to $L (see i18n.xsl)
                A time, when present, follows: "22 พ.ย. 2569 14:30 น." / "22 Nov 2026, 14:30".
                Anything that is not such a date is printed as it is.
  fiscal-year   date   ISO date; the Thai fiscal year (October to September) in the Buddhist era:
                       2026-11-22 is 2570, 2026-09-30 is 2569.
                era    'ce' for the Common-era number instead (2027).
  fiscal-quarter date  1 (Oct-Dec) .. 4 (Jul-Sep).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:variable name="dates.th-long" select="'|01=มกราคม|02=กุมภาพันธ์|03=มีนาคม|04=เมษายน|05=พฤษภาคม|06=มิถุนายน|07=กรกฎาคม|08=สิงหาคม|09=กันยายน|10=ตุลาคม|11=พฤศจิกายน|12=ธันวาคม|'"/>
  <xsl:variable name="dates.th-short" select="'|01=ม.ค.|02=ก.พ.|03=มี.ค.|04=เม.ย.|05=พ.ค.|06=มิ.ย.|07=ก.ค.|08=ส.ค.|09=ก.ย.|10=ต.ค.|11=พ.ย.|12=ธ.ค.|'"/>
  <xsl:variable name="dates.en-long" select="'|01=January|02=February|03=March|04=April|05=May|06=June|07=July|08=August|09=September|10=October|11=November|12=December|'"/>
  <xsl:variable name="dates.en-short" select="'|01=Jan|02=Feb|03=Mar|04=Apr|05=May|06=Jun|07=Jul|08=Aug|09=Sep|10=Oct|11=Nov|12=Dec|'"/>

  <xsl:template name="format-date">
    <xsl:param name="date"/>
    <xsl:param name="style" select="'long'"/>
    <xsl:param name="be" select="'no'"/>
    <xsl:param name="lang" select="$L"/>
    <xsl:variable name="d" select="normalize-space($date)"/>
    <xsl:variable name="y" select="substring($d, 1, 4)"/>
    <xsl:variable name="m" select="substring($d, 6, 2)"/>
    <xsl:variable name="day" select="substring($d, 9, 2)"/>
    <xsl:variable name="t" select="substring($d, 12, 5)"/>
    <!-- One of the four month lists, chosen by arithmetic: a variable with content would
         build a tree fragment on every call. -->
    <xsl:variable name="en" select="$lang = 'en'"/>
    <xsl:variable name="short" select="$style = 'short'"/>
    <xsl:variable name="names" select="concat(
        substring($dates.en-short, 1, 200 * ($en and $short)),
        substring($dates.en-long, 1, 200 * ($en and not($short))),
        substring($dates.th-short, 1, 200 * (not($en) and $short)),
        substring($dates.th-long, 1, 200 * (not($en) and not($short))))"/>
    <xsl:variable name="month" select="substring-before(substring-after($names, concat('|', $m, '=')), '|')"/>
    <xsl:choose>
      <xsl:when test="string-length($d) &lt; 10 or substring($d, 5, 1) != '-' or substring($d, 8, 1) != '-'
                      or string(number($y)) = 'NaN' or string(number($day)) = 'NaN'
                      or number($day) &lt; 1 or number($day) &gt; 31 or $month = ''
                      or contains($y, '.') or contains($day, '.')">
        <xsl:value-of select="$date"/>
      </xsl:when>
      <xsl:when test="$lang = 'en'">
        <xsl:value-of select="concat(number($day), ' ', $month, ' ', number($y))"/>
        <xsl:if test="$be = 'yes'">
          <xsl:value-of select="concat(' (B.E. ', number($y) + 543, ')')"/>
        </xsl:if>
        <xsl:if test="string-length($t) = 5 and substring($t, 3, 1) = ':'">
          <xsl:value-of select="concat(', ', $t)"/>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat(number($day), ' ', $month, ' ', number($y) + 543)"/>
        <xsl:if test="string-length($t) = 5 and substring($t, 3, 1) = ':'">
          <xsl:value-of select="concat(' ', $t, ' น.')"/>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="fiscal-year">
    <xsl:param name="date"/>
    <xsl:param name="era" select="'be'"/>
    <xsl:variable name="y" select="number(substring(normalize-space($date), 1, 4))"/>
    <xsl:variable name="m" select="number(substring(normalize-space($date), 6, 2))"/>
    <xsl:variable name="fy" select="$y + ($m &gt;= 10)"/>
    <xsl:choose>
      <xsl:when test="string($fy) = 'NaN' or not($m &gt;= 1 and $m &lt;= 12) or substring(normalize-space($date), 5, 1) != '-'"/>
      <xsl:when test="$era = 'ce'"><xsl:value-of select="$fy"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$fy + 543"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="fiscal-quarter">
    <xsl:param name="date"/>
    <xsl:variable name="m" select="number(substring(normalize-space($date), 6, 2))"/>
    <xsl:if test="$m &gt;= 1 and $m &lt;= 12">
      <xsl:value-of select="floor((($m + 2) mod 12) div 3) + 1"/>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
