<?xml version="1.0" encoding="UTF-8"?>
<!--
  The flow chart of a process as inline SVG. Included by manual.xsl; needs i18n.xsl (msg,
  role-name, mode bi).

  <xsl:call-template name="flowchart"/> with a <process> as the context node. Output:
    <div class="flowchart-wrap fc-w-{N}">  (N: the chart's natural width rounded up to 40; the
                                            stylesheet caps the chart near that size)
      <svg class="flowchart" role="img" aria-label="…" viewBox="0 0 W H" width="100%">
        <g class="step step-{kind}" data-step="{id}"><title>label</title> shape, label </g> …
        <g class="fc-edge fc-down|fc-jump|fc-loop" data-from="…" data-to="…"> path, label </g> …

  Layout: one row per step, top to bottom in document order, in a centred column.
  - An edge to the step right below is a straight arrow down the column.
  - Any other edge leaves the side of its box, runs in a lane outside the column and enters the
    side of its target: forward jumps on the right, backward loops on the left. Lanes are given
    first-fit, shortest span first, so an edge nested in another sits inside it and edges whose
    rows overlap never share a lane. On a box side the endpoints are ordered (right: entries
    from inner to outer lanes, then exits from outer to inner; left: the mirror image) so that
    the horizontal segments do not cross the lanes of their neighbours.
  - Branch labels sit above the first segment of their edge, in a gutter between the column and
    the lanes (side edges), or beside the arrow (down edges). Nothing is drawn across a box.
  - Step labels are XHTML inside <foreignObject>, so the browser wraps Thai; box heights come
    from an estimate of the number of lines (characters without Thai combining marks).
  All geometry is computed in a few passes over small node sets (EXSLT); a process has tens of
  steps at most.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    xmlns:math="http://exslt.org/math"
    extension-element-prefixes="exsl math"
    exclude-result-prefixes="exsl math">

  <xsl:key name="fc-step" match="step" use="concat(generate-id(../..), '|', @id)"/>

  <!-- Geometry, in SVG user units (CSS px at natural size). The font sizes and line heights
       must match .fc-label, .fc-actor and .fc-blabel in borikan.css. -->
  <xsl:variable name="fc.fs" select="22"/>        <!-- step label font size -->
  <xsl:variable name="fc.lh" select="30"/>        <!-- step label line height -->
  <xsl:variable name="fc.rlh" select="22"/>       <!-- actor line (font 16) -->
  <xsl:variable name="fc.bfs" select="16"/>       <!-- branch label font size -->
  <xsl:variable name="fc.blh" select="21"/>       <!-- branch label line height -->
  <!-- average glyph width in em, per character without Thai combining marks (measured with
       Noto Sans Thai / Noto Sans: Thai 0.53, English 0.49 on average; a little more for other fonts) -->
  <xsl:variable name="fc.cw" select="0.56 - ($L = 'en') * 0.04"/>
  <xsl:variable name="fc.fill" select="0.8"/>     <!-- how full a wrapped line gets (Thai wraps at words) -->
  <xsl:variable name="fc.fill-narrow" select="0.7"/> <!-- in narrow branch labels (whole Thai words wrap) -->
  <xsl:variable name="fc.rect-w" select="240"/>
  <xsl:variable name="fc.pill-w" select="240"/>
  <xsl:variable name="fc.pill-r" select="34"/>    <!-- most corner radius of start and end: a pill when one line -->
  <xsl:variable name="fc.dia-w" select="280"/>
  <xsl:variable name="fc.dia-tw" select="0.58"/>  <!-- text area of a diamond, share of its width -->
  <xsl:variable name="fc.dia-th" select="0.4"/>   <!-- and of its height (shares add up to less than 1: the text box fits inside) -->
  <xsl:variable name="fc.gap" select="34"/>       <!-- between rows -->
  <xsl:variable name="fc.gutter" select="124"/>   <!-- most room for branch labels beside the column -->
  <xsl:variable name="fc.gutter-bare" select="16"/>
  <xsl:variable name="fc.lane" select="14"/>      <!-- lane spacing -->
  <xsl:variable name="fc.margin" select="6"/>
  <xsl:variable name="fc.min-w" select="400"/>
  <xsl:variable name="fc.down-lw" select="180"/>  <!-- width of a branch label beside a down arrow -->
  <xsl:variable name="fc.marks" select="'&#x0E31;&#x0E34;&#x0E35;&#x0E36;&#x0E37;&#x0E38;&#x0E39;&#x0E3A;&#x0E47;&#x0E48;&#x0E49;&#x0E4A;&#x0E4B;&#x0E4C;&#x0E4D;&#x0E4E;'"/>

  <xsl:template name="flowchart">
    <xsl:variable name="pid" select="generate-id(.)"/>
    <xsl:variable name="title"><xsl:apply-templates select="title" mode="bi"/></xsl:variable>

    <!-- Pass 1: edges. side: down | right | left; lo, hi: the rows they span;
         ew: estimated width of the label on one line. -->
    <xsl:variable name="e1-rtf">
      <xsl:for-each select="steps/step">
        <xsl:variable name="i" select="position()"/>
        <xsl:for-each select="next | branch">
          <xsl:variable name="t" select="key('fc-step', concat($pid, '|', @to))"/>
          <xsl:if test="$t">
            <xsl:variable name="j" select="count($t/preceding-sibling::step) + 1"/>
            <xsl:variable name="side">
              <xsl:choose>
                <xsl:when test="$j = $i + 1 and not(preceding-sibling::*[@to = current()/@to])">down</xsl:when>
                <xsl:when test="$j &gt; $i">right</xsl:when>
                <xsl:otherwise>left</xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <xsl:variable name="label">
              <xsl:if test="self::branch"><xsl:apply-templates select="label" mode="bi"/></xsl:if>
            </xsl:variable>
            <e from="{$i}" to="{$j}" side="{$side}"
               lo="{($i &lt; $j) * $i + ($i &gt;= $j) * $j}" hi="{($i &lt; $j) * $j + ($i &gt;= $j) * $i}"
               span="{($i &lt; $j) * ($j - $i) + ($i &gt;= $j) * ($i - $j)}"
               ew="{ceiling(string-length(translate($label, $fc.marks, '')) * ($fc.cw + 0.06) * $fc.bfs)}">
              <xsl:value-of select="$label"/>
            </e>
          </xsl:if>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="e1" select="exsl:node-set($e1-rtf)/e"/>

    <!-- Pass 2: lanes, per side. -->
    <xsl:variable name="right-rtf">
      <xsl:call-template name="fc-lanes-side"><xsl:with-param name="es" select="$e1[@side = 'right']"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="left-rtf">
      <xsl:call-template name="fc-lanes-side"><xsl:with-param name="es" select="$e1[@side = 'left']"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="R" select="exsl:node-set($right-rtf)/e"/>
    <xsl:variable name="Lf" select="exsl:node-set($left-rtf)/e"/>
    <xsl:variable name="D" select="$e1[@side = 'down']"/>

    <!-- Gutters: as wide as the longest branch label on that side needs, up to fc.gutter. -->
    <xsl:variable name="ewr" select="math:max($R[string(.) != '']/@ew)"/>
    <xsl:variable name="ewl" select="math:max($Lf[string(.) != '']/@ew)"/>
    <xsl:variable name="GR">
      <xsl:choose>
        <xsl:when test="not($R)">0</xsl:when>
        <xsl:when test="not($R[string(.) != ''])"><xsl:value-of select="$fc.gutter-bare"/></xsl:when>
        <xsl:when test="$ewr + 18 &lt; $fc.gutter"><xsl:value-of select="$ewr + 18"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$fc.gutter"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="GL">
      <xsl:choose>
        <xsl:when test="not($Lf)">0</xsl:when>
        <xsl:when test="not($Lf[string(.) != ''])"><xsl:value-of select="$fc.gutter-bare"/></xsl:when>
        <xsl:when test="$ewl + 18 &lt; $fc.gutter"><xsl:value-of select="$ewl + 18"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$fc.gutter"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>

    <!-- Pass 3: boxes. -->
    <xsl:variable name="s1-rtf">
      <xsl:for-each select="steps/step">
        <xsl:variable name="i" select="position()"/>
        <xsl:variable name="label"><xsl:apply-templates select="label" mode="bi"/></xsl:variable>
        <xsl:variable name="role">
          <xsl:call-template name="role-name"><xsl:with-param name="id" select="@actor"/></xsl:call-template>
        </xsl:variable>
        <xsl:variable name="shape">
          <xsl:choose>
            <xsl:when test="@kind = 'start' or @kind = 'end'">pill</xsl:when>
            <xsl:when test="@kind = 'decision' or @kind = 'approval'">diamond</xsl:when>
            <xsl:otherwise>rect</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="w">
          <xsl:choose>
            <xsl:when test="$shape = 'pill'"><xsl:value-of select="$fc.pill-w"/></xsl:when>
            <xsl:when test="$shape = 'diamond'"><xsl:value-of select="$fc.dia-w"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$fc.rect-w"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="tw">
          <xsl:choose>
            <xsl:when test="$shape = 'pill'"><xsl:value-of select="$w - 36"/></xsl:when>
            <xsl:when test="$shape = 'diamond'"><xsl:value-of select="round($w * $fc.dia-tw)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$w - 20"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <!-- narrow diamonds wrap whole Thai words less evenly: assume emptier lines -->
        <xsl:variable name="lines" select="ceiling(string-length(translate($label, $fc.marks, '')) * $fc.cw * $fc.fs
                                                   div ($tw * ($fc.fill - ($shape = 'diamond') * 0.08)))"/>
        <xsl:variable name="tb" select="$lines * $fc.lh + $fc.rlh + 4"/>
        <!-- endpoints on each side, and their spacing: room for the tallest exit label -->
        <xsl:variable name="nr" select="count($R[@from = $i] | $R[@to = $i])"/>
        <xsl:variable name="nl" select="count($Lf[@from = $i]) + count($Lf[@to = $i])"/>
        <xsl:variable name="sr">
          <xsl:call-template name="fc-spacing">
            <xsl:with-param name="ew" select="math:max($R[@from = $i][string(.) != '']/@ew)"/>
            <xsl:with-param name="g" select="$GR"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="sl">
          <xsl:call-template name="fc-spacing">
            <xsl:with-param name="ew" select="math:max($Lf[@from = $i][string(.) != '']/@ew)"/>
            <xsl:with-param name="g" select="$GL"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="span-r" select="($nr &gt; 1) * ($nr - 1) * $sr"/>
        <xsl:variable name="span-l" select="($nl &gt; 1) * ($nl - 1) * $sl"/>
        <xsl:variable name="slots" select="($span-r &gt;= $span-l) * $span-r + ($span-r &lt; $span-l) * $span-l"/>
        <xsl:variable name="h0">
          <xsl:choose>
            <xsl:when test="$shape = 'diamond'"><xsl:value-of select="ceiling($tb div $fc.dia-th)"/></xsl:when>
            <xsl:when test="$shape = 'pill'"><xsl:value-of select="$tb + 12"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$tb + 16"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="h1">
          <xsl:choose>
            <xsl:when test="$shape = 'diamond'"><xsl:value-of select="ceiling($slots div 0.6)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$slots + 24"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="down" select="$D[@from = $i][string(.) != '']"/>
        <xsl:variable name="dlines">
          <xsl:call-template name="fc-lines">
            <xsl:with-param name="ew" select="sum($down/@ew)"/>
            <xsl:with-param name="w" select="$fc.down-lw"/>
            <xsl:with-param name="fill" select="$fc.fill"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="dgap" select="(count($down) &gt; 0) * ($dlines * $fc.blh + 16)"/>
        <s i="{$i}" id="{@id}" kind="{@kind}" shape="{$shape}" w="{$w}" tw="{$tw}" th="{$tb + 4}"
           h="{($h0 &gt;= $h1) * $h0 + ($h0 &lt; $h1) * $h1}"
           nr="{$nr}" nl="{$nl}" sr="{$sr}" sl="{$sl}" dlines="{$dlines}"
           gap="{$fc.gap + ($dgap &gt; $fc.gap) * ($dgap - $fc.gap)}">
          <l><xsl:value-of select="$label"/></l>
          <r><xsl:value-of select="$role"/></r>
        </s>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="s1" select="exsl:node-set($s1-rtf)/s"/>

    <!-- Pass 4: rows. -->
    <xsl:variable name="s2-rtf">
      <xsl:for-each select="$s1">
        <s top="{$fc.margin + 4 + sum(preceding-sibling::s/@h) + sum(preceding-sibling::s/@gap)}">
          <xsl:copy-of select="@* | *"/>
        </s>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="S" select="exsl:node-set($s2-rtf)/s"/>

    <!-- The frame. -->
    <xsl:variable name="NR">
      <xsl:choose>
        <xsl:when test="$R"><xsl:value-of select="math:max($R/@lane) + 1"/></xsl:when>
        <xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="NL">
      <xsl:choose>
        <xsl:when test="$Lf"><xsl:value-of select="math:max($Lf/@lane) + 1"/></xsl:when>
        <xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="CH" select="math:max($S/@w) div 2"/>
    <xsl:variable name="natural" select="2 * $fc.margin + $NL * $fc.lane + $GL + 2 * $CH + $GR + $NR * $fc.lane"/>
    <xsl:variable name="extra" select="round(($natural &lt; $fc.min-w) * ($fc.min-w - $natural) div 2)"/>
    <xsl:variable name="cx" select="$extra + $fc.margin + $NL * $fc.lane + $GL + $CH"/>
    <xsl:variable name="W" select="$cx + $CH + $GR + $NR * $fc.lane + $fc.margin + $extra"/>
    <xsl:variable name="last" select="$S[last()]"/>
    <xsl:variable name="H" select="$last/@top + $last/@h + $fc.margin + 4"/>
    <xsl:variable name="marker" select="concat('fc-arrow-', @code)"/>

    <div class="flowchart-wrap fc-w-{40 * ceiling($W div 40)}">
    <svg xmlns="http://www.w3.org/2000/svg" class="flowchart" role="img" viewBox="0 0 {$W} {$H}" width="100%"
         preserveAspectRatio="xMidYMin meet">
      <xsl:attribute name="aria-label">
        <xsl:call-template name="msg">
          <xsl:with-param name="key" select="'fc.aria'"/>
          <xsl:with-param name="arg" select="$title"/>
        </xsl:call-template>
      </xsl:attribute>
      <defs>
        <marker id="{$marker}" class="fc-marker" viewBox="0 0 10 10" refX="10" refY="5"
                markerWidth="6" markerHeight="6" markerUnits="strokeWidth" orient="auto">
          <path class="fc-arrowhead" d="M0,0 L10,5 L0,10 z"/>
        </marker>
      </defs>

      <!-- boxes -->
      <xsl:for-each select="$S">
        <xsl:call-template name="fc-box"><xsl:with-param name="cx" select="$cx"/></xsl:call-template>
      </xsl:for-each>

      <!-- straight arrows down the column -->
      <xsl:for-each select="$D">
        <xsl:variable name="f" select="@from"/>
        <xsl:variable name="t" select="@to"/>
        <xsl:variable name="gs" select="$S[@i = $f]"/>
        <xsl:variable name="gt" select="$S[@i = $t]"/>
        <xsl:variable name="y1" select="$gs/@top + $gs/@h"/>
        <g class="fc-edge fc-down" data-from="{$gs/@id}" data-to="{$gt/@id}">
          <path class="fc-line" fill="none" stroke="#51606f" d="M{$cx},{$y1} V{$gt/@top - 1}" marker-end="url(#{$marker})"/>
          <xsl:if test="string(.) != ''">
            <foreignObject class="fc-blabel-box" x="{$cx + 8}" y="{$y1 + 5}" width="{$fc.down-lw}" height="{$gs/@dlines * $fc.blh + 2}">
              <div xmlns="http://www.w3.org/1999/xhtml" class="fc-blabel fc-blabel-d"><xsl:value-of select="."/></div>
            </foreignObject>
          </xsl:if>
        </g>
      </xsl:for-each>

      <!-- jumps forward, on the right -->
      <xsl:for-each select="$R">
        <xsl:variable name="e" select="."/>
        <xsl:variable name="gs" select="$S[@i = $e/@from]"/>
        <xsl:variable name="gt" select="$S[@i = $e/@to]"/>
        <xsl:variable name="k1" select="count($R[@to = $e/@from]) + count($R[@from = $e/@from][@lane &gt; $e/@lane]) + 1"/>
        <xsl:variable name="k2" select="count($R[@to = $e/@to][@lane &lt; $e/@lane]) + 1"/>
        <xsl:variable name="y1" select="$gs/@top + $gs/@h div 2 + ($k1 - ($gs/@nr + 1) div 2) * $gs/@sr"/>
        <xsl:variable name="y2" select="$gt/@top + $gt/@h div 2 + ($k2 - ($gt/@nr + 1) div 2) * $gt/@sr"/>
        <xsl:variable name="x1"><xsl:call-template name="fc-side-x"><xsl:with-param name="g" select="$gs"/><xsl:with-param name="y" select="$y1"/></xsl:call-template></xsl:variable>
        <xsl:variable name="x2"><xsl:call-template name="fc-side-x"><xsl:with-param name="g" select="$gt"/><xsl:with-param name="y" select="$y2"/></xsl:call-template></xsl:variable>
        <xsl:variable name="lx" select="$cx + $CH + $GR + (@lane + 0.5) * $fc.lane"/>
        <g class="fc-edge fc-jump" data-from="{$gs/@id}" data-to="{$gt/@id}">
          <path class="fc-line" fill="none" stroke="#51606f" d="M{$cx + $x1},{$y1} H{$lx} V{$y2} H{$cx + $x2 + 1}" marker-end="url(#{$marker})"/>
          <xsl:if test="string(.) != ''">
            <xsl:call-template name="fc-side-label">
              <xsl:with-param name="x0" select="$cx + $gs/@w div 2 + 4"/>
              <xsl:with-param name="x1" select="$cx + $CH + $GR - 2"/>
              <xsl:with-param name="y" select="$y1"/>
              <xsl:with-param name="g" select="$GR"/>
              <xsl:with-param name="class" select="'fc-blabel fc-blabel-r'"/>
            </xsl:call-template>
          </xsl:if>
        </g>
      </xsl:for-each>

      <!-- loops back, on the left -->
      <xsl:for-each select="$Lf">
        <xsl:variable name="e" select="."/>
        <xsl:variable name="gs" select="$S[@i = $e/@from]"/>
        <xsl:variable name="gt" select="$S[@i = $e/@to]"/>
        <!-- top to bottom on a left side: exits (inner first), entries (outer first), then
             loops to the box itself, each as an exit and an entry one above the other -->
        <xsl:variable name="k1">
          <xsl:choose>
            <xsl:when test="@from = @to">
              <xsl:value-of select="count($Lf[@from = $e/@from][@to != @from]) + count($Lf[@to = $e/@to][@to != @from])
                                    + 2 * count($Lf[@from = $e/@from][@to = @from][@lane &lt; $e/@lane]) + 1"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="count($Lf[@from = $e/@from][@to != @from][@lane &lt; $e/@lane]) + 1"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="k2">
          <xsl:choose>
            <xsl:when test="@from = @to"><xsl:value-of select="$k1 + 1"/></xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="count($Lf[@from = $e/@to][@to != @from]) + count($Lf[@to = $e/@to][@to != @from][@lane &gt; $e/@lane]) + 1"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="y1" select="$gs/@top + $gs/@h div 2 + ($k1 - ($gs/@nl + 1) div 2) * $gs/@sl"/>
        <xsl:variable name="y2" select="$gt/@top + $gt/@h div 2 + ($k2 - ($gt/@nl + 1) div 2) * $gt/@sl"/>
        <xsl:variable name="x1"><xsl:call-template name="fc-side-x"><xsl:with-param name="g" select="$gs"/><xsl:with-param name="y" select="$y1"/></xsl:call-template></xsl:variable>
        <xsl:variable name="x2"><xsl:call-template name="fc-side-x"><xsl:with-param name="g" select="$gt"/><xsl:with-param name="y" select="$y2"/></xsl:call-template></xsl:variable>
        <xsl:variable name="lx" select="$cx - $CH - $GL - (@lane + 0.5) * $fc.lane"/>
        <g class="fc-edge fc-loop" data-from="{$gs/@id}" data-to="{$gt/@id}">
          <path class="fc-line" fill="none" stroke="#51606f" d="M{$cx - $x1},{$y1} H{$lx} V{$y2} H{$cx - $x2 - 1}" marker-end="url(#{$marker})"/>
          <xsl:if test="string(.) != ''">
            <xsl:call-template name="fc-side-label">
              <xsl:with-param name="x0" select="$cx - $CH - $GL + 2"/>
              <xsl:with-param name="x1" select="$cx - $gs/@w div 2 - 4"/>
              <xsl:with-param name="y" select="$y1"/>
              <xsl:with-param name="g" select="$GL"/>
              <xsl:with-param name="class" select="'fc-blabel fc-blabel-l'"/>
            </xsl:call-template>
          </xsl:if>
        </g>
      </xsl:for-each>
    </svg>
    </div>
  </xsl:template>

  <!-- A branch label above the exit segment at height y, between x0 and x1. Context: the edge. -->
  <xsl:template name="fc-side-label" xmlns="http://www.w3.org/2000/svg">
    <xsl:param name="x0"/>
    <xsl:param name="x1"/>
    <xsl:param name="y"/>
    <xsl:param name="g"/>
    <xsl:param name="class"/>
    <xsl:variable name="lines">
      <xsl:call-template name="fc-lines">
        <xsl:with-param name="ew" select="@ew"/>
        <xsl:with-param name="w" select="$g - 10"/>
        <xsl:with-param name="fill" select="$fc.fill-narrow"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="lh" select="$lines * $fc.blh + 2"/>
    <foreignObject class="fc-blabel-box" x="{$x0}" y="{$y - $lh - 1}" width="{$x1 - $x0}" height="{$lh}">
      <div xmlns="http://www.w3.org/1999/xhtml" class="{$class}"><xsl:value-of select="."/></div>
    </foreignObject>
  </xsl:template>

  <!-- One step: <g class="step step-{kind}" data-step="{id}">. Context: an s of the geometry. -->
  <xsl:template name="fc-box" xmlns="http://www.w3.org/2000/svg">
    <xsl:param name="cx"/>
    <xsl:variable name="w" select="@w"/>
    <xsl:variable name="h" select="@h"/>
    <xsl:variable name="x" select="$cx - $w div 2"/>
    <xsl:variable name="y" select="@top"/>
    <xsl:variable name="cy" select="@top + $h div 2"/>
    <g class="step step-{@kind}" data-step="{@id}">
      <title><xsl:value-of select="l"/></title>
      <xsl:choose>
        <xsl:when test="@shape = 'pill'">
          <xsl:variable name="r" select="$h div 2 - ($h &gt; 2 * $fc.pill-r) * ($h div 2 - $fc.pill-r)"/>
          <rect class="fc-shape" x="{$x}" y="{$y}" width="{$w}" height="{$h}" rx="{$r}" ry="{$r}" fill="#fff" stroke="#51606f"/>
        </xsl:when>
        <xsl:when test="@shape = 'diamond'">
          <polygon class="fc-shape" fill="#fff" stroke="#51606f"
                   points="{$cx},{$y} {$cx + $w div 2},{$cy} {$cx},{$y + $h} {$x},{$cy}"/>
        </xsl:when>
        <xsl:otherwise>
          <rect class="fc-shape" x="{$x}" y="{$y}" width="{$w}" height="{$h}" rx="4" ry="4" fill="#fff" stroke="#51606f"/>
        </xsl:otherwise>
      </xsl:choose>
      <foreignObject class="fc-label-box" x="{$cx - @tw div 2}" y="{$cy - @th div 2}" width="{@tw}" height="{@th}">
        <div xmlns="http://www.w3.org/1999/xhtml" class="fc-label">
          <span class="fc-text"><xsl:value-of select="l"/></span>
          <span class="fc-actor"><xsl:value-of select="r"/></span>
        </div>
      </foreignObject>
      <xsl:call-template name="fc-icon">
        <xsl:with-param name="x" select="$x"/>
        <xsl:with-param name="y" select="$y"/>
      </xsl:call-template>
    </g>
  </xsl:template>

  <!-- A badge on the top left corner of automatic, notification and survey boxes. -->
  <xsl:template name="fc-icon" xmlns="http://www.w3.org/2000/svg">
    <xsl:param name="x"/>
    <xsl:param name="y"/>
    <xsl:if test="@kind = 'automatic' or @kind = 'notification' or @kind = 'survey'">
      <g class="fc-icon" transform="translate({$x - 2},{$y - 2})">
        <circle class="fc-badge" cx="0" cy="0" r="13" fill="#fff" stroke="currentColor" stroke-width="1.6"/>
        <xsl:choose>
          <xsl:when test="@kind = 'automatic'">
            <!-- a gear -->
            <circle cx="0" cy="0" r="4.2" fill="none" stroke="currentColor" stroke-width="1.8"/>
            <path d="M0,-8 V-5.5 M0,5.5 V8 M-8,0 H-5.5 M5.5,0 H8 M-5.7,-5.7 L-3.9,-3.9 M3.9,3.9 L5.7,5.7 M-5.7,5.7 L-3.9,3.9 M3.9,-3.9 L5.7,-5.7"
                  fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>
          </xsl:when>
          <xsl:when test="@kind = 'notification'">
            <!-- an envelope -->
            <rect x="-7" y="-5" width="14" height="10" rx="1" fill="none" stroke="currentColor" stroke-width="1.5"/>
            <path d="M-6.5,-4.3 L0,0.8 L6.5,-4.3" fill="none" stroke="currentColor" stroke-width="1.5"/>
          </xsl:when>
          <xsl:otherwise>
            <!-- a star -->
            <path d="M0,-7.5 L2.1,-2.6 L7.2,-2.2 L3.3,1.2 L4.5,6.3 L0,3.6 L-4.5,6.3 L-3.3,1.2 L-7.2,-2.2 L-2.1,-2.6 Z"
                  fill="currentColor" stroke="none"/>
          </xsl:otherwise>
        </xsl:choose>
      </g>
    </xsl:if>
  </xsl:template>

  <!-- How far from the column centre the side of box g is at height y (an absolute y). -->
  <xsl:template name="fc-side-x">
    <xsl:param name="g"/>
    <xsl:param name="y"/>
    <xsl:variable name="hw" select="$g/@w div 2"/>
    <xsl:variable name="hh" select="$g/@h div 2"/>
    <xsl:variable name="dy" select="math:abs($y - ($g/@top + $hh))"/>
    <xsl:choose>
      <xsl:when test="$g/@shape = 'diamond'">
        <xsl:value-of select="round(10 * $hw * (1 - $dy div $hh)) div 10"/>
      </xsl:when>
      <xsl:when test="$g/@shape = 'pill'">
        <!-- a rounded rectangle of corner radius r: straight between the corners -->
        <xsl:variable name="r" select="$hh - ($hh &gt; $fc.pill-r) * ($hh - $fc.pill-r)"/>
        <xsl:variable name="d" select="$dy - ($hh - $r)"/>
        <xsl:choose>
          <xsl:when test="$d &lt;= 0"><xsl:value-of select="$hw"/></xsl:when>
          <xsl:when test="$d &lt; $r"><xsl:value-of select="round(10 * ($hw - $r + math:sqrt($r * $r - $d * $d))) div 10"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$hw - $r"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$hw"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Lines a label of estimated one-line width ew takes in width w. -->
  <xsl:template name="fc-lines">
    <xsl:param name="ew"/>
    <xsl:param name="w"/>
    <xsl:param name="fill"/>
    <xsl:choose>
      <xsl:when test="not($ew &gt; 0)">0</xsl:when>
      <xsl:when test="$ew &lt;= $w">1</xsl:when>
      <xsl:otherwise><xsl:value-of select="ceiling($ew div ($w * $fill))"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Vertical spacing of the endpoints on a box side: room for the tallest exit label
       (ew: the widest label leaving that side, g: the gutter it goes in). -->
  <xsl:template name="fc-spacing">
    <xsl:param name="ew"/>
    <xsl:param name="g"/>
    <xsl:variable name="lines">
      <xsl:call-template name="fc-lines">
        <xsl:with-param name="ew" select="$ew"/>
        <xsl:with-param name="w" select="$g - 10"/>
        <xsl:with-param name="fill" select="$fc.fill-narrow"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$lines * $fc.blh + 8 &gt; 24"><xsl:value-of select="$lines * $fc.blh + 8"/></xsl:when>
      <xsl:otherwise>24</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Lanes for the edges of one side: first fit, shortest span first. -->
  <xsl:template name="fc-lanes-side">
    <xsl:param name="es"/>
    <xsl:variable name="sorted-rtf">
      <xsl:for-each select="$es">
        <xsl:sort select="@span" data-type="number"/>
        <xsl:sort select="@lo" data-type="number"/>
        <xsl:copy-of select="."/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:call-template name="fc-lanes">
      <xsl:with-param name="todo" select="exsl:node-set($sorted-rtf)/e"/>
      <xsl:with-param name="done" select="/.."/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="fc-lanes">
    <xsl:param name="todo"/>
    <xsl:param name="done"/>
    <xsl:choose>
      <xsl:when test="not($todo)">
        <xsl:for-each select="$done">
          <xsl:sort select="@from" data-type="number"/>
          <xsl:copy-of select="."/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="e" select="$todo[1]"/>
        <xsl:variable name="lane">
          <xsl:call-template name="fc-free-lane">
            <xsl:with-param name="busy" select="$done[@lo &lt;= $e/@hi and @hi &gt;= $e/@lo]"/>
            <xsl:with-param name="k" select="0"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="next-rtf">
          <xsl:copy-of select="$done"/>
          <e lane="{$lane}"><xsl:copy-of select="$e/@* | $e/node()"/></e>
        </xsl:variable>
        <xsl:call-template name="fc-lanes">
          <xsl:with-param name="todo" select="$todo[position() &gt; 1]"/>
          <xsl:with-param name="done" select="exsl:node-set($next-rtf)/*"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="fc-free-lane">
    <xsl:param name="busy"/>
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="$busy[@lane = $k]">
        <xsl:call-template name="fc-free-lane">
          <xsl:with-param name="busy" select="$busy"/>
          <xsl:with-param name="k" select="$k + 1"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$k"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
