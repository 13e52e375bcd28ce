<?xml version="1.0" encoding="UTF-8"?>
<!--
  The flow chart of a process as inline SVG. Included by manual.xsl; needs i18n.xsl (msg, mode bi).

  call-template name="flowchart" with a <process> as the context node.

  Layout: one row per step, top to bottom in document order, in a centred column.
  - An edge to the step right below is a straight arrow down the column.
  - Any other edge leaves the side of its box, runs in a lane outside the column and enters the
    side of its target: forward jumps on the right, backward loops on the left. Lanes are given
    first-fit by span (shortest first), so nested edges sit inside the ones that contain them and
    edges whose rows overlap never share a lane; on a box side the endpoints are ordered so that
    the horizontal segments do not cross the lanes of their neighbours.
  - Branch labels sit above the first segment of their edge, in a gutter between the column and
    the lanes (side edges) or beside the arrow (down edges). Nothing is drawn across a box.
  - Step labels are XHTML inside <foreignObject>, so the browser wraps Thai; box heights come
    from an estimate of the number of lines (characters without Thai combining marks).
  All geometry is computed in a few passes over small node sets (EXSLT node-set); a process has
  tens of steps at most.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/2000/svg"
    xmlns:exsl="http://exslt.org/common"
    xmlns:math="http://exslt.org/math"
    extension-element-prefixes="exsl math"
    exclude-result-prefixes="exsl math">

  <xsl:key name="fc-step" match="step" use="concat(generate-id(../..), '|', @id)"/>

  <!-- Geometry, in SVG user units. -->
  <xsl:variable name="fc.fs" select="20"/>        <!-- step label font size -->
  <xsl:variable name="fc.lh" select="28"/>        <!-- step label line height -->
  <xsl:variable name="fc.rlh" select="21"/>       <!-- actor line height (font 15) -->
  <xsl:variable name="fc.bfs" select="16"/>       <!-- branch label font size -->
  <xsl:variable name="fc.blh" select="21"/>       <!-- branch label line height -->
  <xsl:variable name="fc.cw" select="0.56"/>      <!-- average glyph width, em -->
  <xsl:variable name="fc.fill" select="0.86"/>    <!-- how full a wrapped line gets -->
  <xsl:variable name="fc.rect-w" select="264"/>
  <xsl:variable name="fc.pill-w" select="240"/>
  <xsl:variable name="fc.dia-w" select="300"/>
  <xsl:variable name="fc.gap" select="36"/>       <!-- between rows -->
  <xsl:variable name="fc.gutter" select="100"/>   <!-- label room between column and lanes -->
  <xsl:variable name="fc.gutter-bare" select="16"/>
  <xsl:variable name="fc.lane" select="14"/>      <!-- lane spacing -->
  <xsl:variable name="fc.margin" select="6"/>
  <xsl:variable name="fc.min-w" select="560"/>
  <xsl:variable name="fc.side-lw" select="90"/>   <!-- width of a side branch label -->
  <xsl:variable name="fc.down-lw" select="190"/>  <!-- width of a down branch label -->
  <xsl:variable name="fc.marks" select="'&#x0E31;&#x0E34;&#x0E35;&#x0E36;&#x0E37;&#x0E38;&#x0E39;&#x0E3A;&#x0E47;&#x0E48;&#x0E49;&#x0E4A;&#x0E4B;&#x0E4C;&#x0E4D;&#x0E4E;'"/>

  <xsl:template name="flowchart">
    <xsl:variable name="pid" select="generate-id(.)"/>
    <xsl:variable name="title"><xsl:apply-templates select="title" mode="bi"/></xsl:variable>

    <!-- Pass 1: edges. side: down | right | left; lo/hi: the rows they span. -->
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
            <xsl:variable name="chars" select="string-length(translate($label, $fc.marks, ''))"/>
            <xsl:variable name="lw">
              <xsl:choose>
                <xsl:when test="$side = 'down'"><xsl:value-of select="$fc.down-lw"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="$fc.side-lw"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <xsl:variable name="lo" select="math:min(exsl:node-set(concat($i, ''))) "/>
            <e id="{$i}.{position()}" from="{$i}" to="{$j}" side="{$side}"
               lo="{($i &lt; $j) * $i + ($i &gt;= $j) * $j}" hi="{($i &lt; $j) * $j + ($i &gt;= $j) * $i}"
               span="{($i &lt; $j) * ($j - $i) + ($i &gt;= $j) * ($i - $j)}"
               lines="{ceiling($chars * $fc.cw * $fc.bfs div ($lw * $fc.fill))}">
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
        <!-- width of the text area -->
        <xsl:variable name="tw">
          <xsl:choose>
            <xsl:when test="$shape = 'pill'"><xsl:value-of select="$w - 56"/></xsl:when>
            <xsl:when test="$shape = 'diamond'"><xsl:value-of select="round($w * 0.58)"/></xsl:when>
            <xsl:when test="@kind = 'automatic' or @kind = 'notification' or @kind = 'survey'"><xsl:value-of select="$w - 56"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$w - 24"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="chars" select="string-length(translate($label, $fc.marks, ''))"/>
        <xsl:variable name="lines" select="ceiling($chars * $fc.cw * $fc.fs div ($tw * $fc.fill))"/>
        <xsl:variable name="tb" select="$lines * $fc.lh + $fc.rlh + 4"/>
        <!-- endpoints on each side, and the spacing they need (room for a label above each exit) -->
        <xsl:variable name="nr" select="count($R[@from = $i] | $R[@to = $i])"/>
        <xsl:variable name="nl" select="count($Lf[@from = $i]) + count($Lf[@to = $i])"/>
        <xsl:variable name="sr">
          <xsl:call-template name="fc-spacing"><xsl:with-param name="es" select="$R[@from = $i][string(.) != '']"/></xsl:call-template>
        </xsl:variable>
        <xsl:variable name="sl">
          <xsl:call-template name="fc-spacing"><xsl:with-param name="es" select="$Lf[@from = $i][string(.) != '']"/></xsl:call-template>
        </xsl:variable>
        <xsl:variable name="need" select="math:max(exsl:node-set(concat(($nr - 1) * $sr, ' ')) | exsl:node-set(concat(($nl - 1) * $sl, ' ')))"/>
        <xsl:variable name="slots" select="(($nr - 1) * $sr &gt; ($nl - 1) * $sl) * ($nr - 1) * $sr + (($nr - 1) * $sr &lt;= ($nl - 1) * $sl) * ($nl - 1) * $sl"/>
        <xsl:variable name="h0">
          <xsl:choose>
            <xsl:when test="$shape = 'diamond'"><xsl:value-of select="ceiling($tb div 0.42)"/></xsl:when>
            <xsl:when test="$shape = 'pill'"><xsl:value-of select="$tb + 14"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$tb + 18"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="h1">
          <xsl:choose>
            <xsl:when test="$shape = 'diamond'"><xsl:value-of select="ceiling($slots div 0.6)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$slots + 24"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="h" select="($h0 &gt;= $h1) * $h0 + ($h0 &lt; $h1) * $h1"/>
        <xsl:variable name="down" select="$D[@from = $i][string(.) != '']"/>
        <s i="{$i}" id="{@id}" kind="{@kind}" shape="{$shape}" w="{$w}" h="{$h}" tw="{$tw}"
           th="{$tb + ($lines &gt; 0) * 6}" nr="{$nr}" nl="{$nl}" sr="{$sr}" sl="{$sl}"
           gap="{$fc.gap + ($down and $down/@lines * $fc.blh + 14 &gt; $fc.gap) * ($down/@lines * $fc.blh + 14 - $fc.gap)}">
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
    <xsl:variable name="nlr" select="count($R[not(@lane &lt;= preceding-sibling::e/@lane)])"/>
    <xsl:variable name="lanes-r" select="math:max($R/@lane) + 1"/>
    <xsl:variable name="lanes-l" select="math:max($Lf/@lane) + 1"/>
    <xsl:variable name="NR" select="(count($R) &gt; 0) * $lanes-r"/>
    <xsl:variable name="NL" select="(count($Lf) &gt; 0) * $lanes-l"/>
    <xsl:variable name="GR" select="(count($R) &gt; 0) * $fc.gutter-bare + (count($R[string(.) != '']) &gt; 0) * ($fc.gutter - $fc.gutter-bare)"/>
    <xsl:variable name="GL" select="(count($Lf) &gt; 0) * $fc.gutter-bare + (count($Lf[string(.) != '']) &gt; 0) * ($fc.gutter - $fc.gutter-bare)"/>
    <xsl:variable name="CH" select="math:max($S/@w) div 2"/>
    <xsl:variable name="natural" select="2 * $fc.margin + $NL * $fc.lane + $GL + 2 * $CH + $GR + $NR * $fc.lane"/>
    <xsl:variable name="extra" select="($natural &lt; $fc.min-w) * ($fc.min-w - $natural) div 2"/>
    <xsl:variable name="cx" select="$extra + $fc.margin + $NL * $fc.lane + $GL + $CH"/>
    <xsl:variable name="W" select="$natural + 2 * $extra"/>
    <xsl:variable name="last" select="$S[last()]"/>
    <xsl:variable name="H" select="$last/@top + $last/@h + $fc.margin + 4"/>
    <xsl:variable name="marker" select="concat('fc-arrow-', /*/process/@code, /process/@code)"/>
    <xsl:variable name="ctx" select="."/>

    <svg class="flowchart" role="img" viewBox="0 0 {$W} {$H}" width="100%"
         preserveAspectRatio="xMidYMin meet">
      <xsl:attribute name="aria-label">
        <xsl:call-template name="msg">
          <xsl:with-param name="key" select="'fc.aria'"/>
          <xsl:with-param name="arg" select="$title"/>
        </xsl:call-template>
      </xsl:attribute>
      <defs>
        <marker id="{$marker}" class="fc-marker" viewBox="0 0 10 10" refX="10" refY="5"
                markerWidth="7" markerHeight="7" markerUnits="strokeWidth" orient="auto">
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
          <path class="fc-line" fill="none" d="M{$cx},{$y1} V{$gt/@top - 1}" marker-end="url(#{$marker})"/>
          <xsl:if test="string(.) != ''">
            <foreignObject class="fc-blabel-box" x="{$cx + 8}" y="{$y1 + 4}" width="{$fc.down-lw}" height="{@lines * $fc.blh + 4}">
              <div xmlns="http://www.w3.org/1999/xhtml" class="fc-blabel"><xsl:value-of select="."/></div>
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
          <path class="fc-line" fill="none" d="M{$cx + $x1},{$y1} H{$lx} V{$y2} H{$cx + $x2 + 1}" marker-end="url(#{$marker})"/>
          <xsl:if test="string(.) != ''">
            <xsl:variable name="bx" select="$cx + $gs/@w div 2 + 4"/>
            <xsl:variable name="lh" select="@lines * $fc.blh + 2"/>
            <foreignObject class="fc-blabel-box" x="{$bx}" y="{$y1 - $lh - 1}" width="{$cx + $CH + $GR - $bx - 2}" height="{$lh}">
              <div xmlns="http://www.w3.org/1999/xhtml" class="fc-blabel fc-blabel-r"><xsl:value-of select="."/></div>
            </foreignObject>
          </xsl:if>
        </g>
      </xsl:for-each>

      <!-- loops back, on the left -->
      <xsl:for-each select="$Lf">
        <xsl:variable name="e" select="."/>
        <xsl:variable name="gs" select="$S[@i = $e/@from]"/>
        <xsl:variable name="gt" select="$S[@i = $e/@to]"/>
        <xsl:variable name="k1" select="count($Lf[@from = $e/@from][@lane &lt; $e/@lane]) + 1"/>
        <xsl:variable name="k2" select="count($Lf[@from = $e/@to]) + count($Lf[@to = $e/@to][@lane &gt; $e/@lane]) + 1"/>
        <xsl:variable name="y1" select="$gs/@top + $gs/@h div 2 + ($k1 - ($gs/@nl + 1) div 2) * $gs/@sl"/>
        <xsl:variable name="y2" select="$gt/@top + $gt/@h div 2 + ($k2 - ($gt/@nl + 1) div 2) * $gt/@sl"/>
        <xsl:variable name="x1"><xsl:call-template name="fc-side-x"><xsl:with-param name="g" select="$gs"/><xsl:with-param name="y" select="$y1"/></xsl:call-template></xsl:variable>
        <xsl:variable name="x2"><xsl:call-template name="fc-side-x"><xsl:with-param name="g" select="$gt"/><xsl:with-param name="y" select="$y2"/></xsl:call-template></xsl:variable>
        <xsl:variable name="lx" select="$cx - $CH - $GL - (@lane + 0.5) * $fc.lane"/>
        <g class="fc-edge fc-loop" data-from="{$gs/@id}" data-to="{$gt/@id}">
          <path class="fc-line" fill="none" d="M{$cx - $x1},{$y1} H{$lx} V{$y2} H{$cx - $x2 - 1}" marker-end="url(#{$marker})"/>
          <xsl:if test="string(.) != ''">
            <xsl:variable name="bx" select="$cx - $CH - $GL + 2"/>
            <xsl:variable name="lh" select="@lines * $fc.blh + 2"/>
            <foreignObject class="fc-blabel-box" x="{$bx}" y="{$y1 - $lh - 1}" width="{$cx - $gs/@w div 2 - 4 - $bx}" height="{$lh}">
              <div xmlns="http://www.w3.org/1999/xhtml" class="fc-blabel fc-blabel-l"><xsl:value-of select="."/></div>
            </foreignObject>
          </xsl:if>
        </g>
      </xsl:for-each>
    </svg>
  </xsl:template>

  <!-- One step: <g class="step step-{kind}" data-step="{id}">. Context: an s of the geometry. -->
  <xsl:template name="fc-box">
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
          <rect class="fc-shape" x="{$x}" y="{$y}" width="{$w}" height="{$h}" rx="{$h div 2}" ry="{$h div 2}" fill="#fff" stroke="#333"/>
        </xsl:when>
        <xsl:when test="@shape = 'diamond'">
          <polygon class="fc-shape" fill="#fff" stroke="#333"
                   points="{$cx},{$y} {$cx + $w div 2},{$cy} {$cx},{$y + $h} {$x},{$cy}"/>
        </xsl:when>
        <xsl:otherwise>
          <rect class="fc-shape" x="{$x}" y="{$y}" width="{$w}" height="{$h}" rx="4" ry="4" fill="#fff" stroke="#333"/>
          <xsl:call-template name="fc-icon">
            <xsl:with-param name="x" select="$x + 8"/>
            <xsl:with-param name="y" select="$y + 8"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <foreignObject class="fc-label-box" x="{$cx - @tw div 2}" y="{$cy - @th div 2}" width="{@tw}" height="{@th}">
        <div xmlns="http://www.w3.org/1999/xhtml" class="fc-label">
          <span class="fc-text"><xsl:value-of select="l"/></span>
          <span class="fc-actor"><xsl:value-of select="r"/></span>
        </div>
      </foreignObject>
    </g>
  </xsl:template>

  <!-- A small icon in the corner of automatic, notification and survey boxes (20 x 20). -->
  <xsl:template name="fc-icon">
    <xsl:param name="x"/>
    <xsl:param name="y"/>
    <xsl:choose>
      <xsl:when test="@kind = 'automatic'">
        <!-- a gear -->
        <g class="fc-icon" transform="translate({$x},{$y})">
          <circle cx="10" cy="10" r="6" fill="none" stroke="currentColor" stroke-width="2"/>
          <path d="M10,1 V4 M10,16 V19 M1,10 H4 M16,10 H19 M3.6,3.6 L5.8,5.8 M14.2,14.2 L16.4,16.4 M3.6,16.4 L5.8,14.2 M14.2,5.8 L16.4,3.6"
                fill="none" stroke="currentColor" stroke-width="2"/>
        </g>
      </xsl:when>
      <xsl:when test="@kind = 'notification'">
        <!-- an envelope -->
        <g class="fc-icon" transform="translate({$x},{$y})">
          <rect x="1" y="4" width="18" height="13" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.8"/>
          <path d="M1.5,5 L10,11.5 L18.5,5" fill="none" stroke="currentColor" stroke-width="1.8"/>
        </g>
      </xsl:when>
      <xsl:when test="@kind = 'survey'">
        <!-- a star -->
        <g class="fc-icon" transform="translate({$x},{$y})">
          <path d="M10,1 L12.6,7 L19,7.4 L14.1,11.6 L15.6,18 L10,14.6 L4.4,18 L5.9,11.6 L1,7.4 L7.4,7 Z"
                fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/>
        </g>
      </xsl:when>
    </xsl:choose>
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
        <xsl:value-of select="$hw * (1 - $dy div $hh)"/>
      </xsl:when>
      <xsl:when test="$g/@shape = 'pill' and $dy &lt; $hh">
        <xsl:value-of select="$hw - $hh + math:sqrt($hh * $hh - $dy * $dy)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$hw"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Vertical spacing of the endpoints on a box side: room for the tallest exit label. -->
  <xsl:template name="fc-spacing">
    <xsl:param name="es"/>
    <xsl:variable name="m" select="math:max($es/@lines)"/>
    <xsl:choose>
      <xsl:when test="$es and $m * $fc.blh + 8 &gt; 24"><xsl:value-of select="$m * $fc.blh + 8"/></xsl:when>
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
