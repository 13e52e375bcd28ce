<?xml version="1.0" encoding="UTF-8"?>
<!--
  mail.xsl: the text of a notification mail, Thai first, then English, in one mail.

  Input (notify.c):
    <mail kind="task|approval|returned|done|rejected|notify|warned|overdue|confirm|receipt|survey" lang="th">
      <number/> <to-name/> <requester/> <title><th/><en/></title> <step><th/><en/></step>
      <reason/> <link/> <code/>?   (code: the tracking code, in a receipt)
      <due/> <days/>   (warned and overdue only: the due date YYYY-MM-DD, shown in the
                        Buddhist era, and the working days left or late)
    </mail>
  Output, which notify.c takes apart:
    <mail><subject/><text/><body><html>…</html></body></mail>
  Every value is copied as text (value-of): the HTML part is escaped like every page.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="dates.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:strip-space elements="*"/>

  <xsl:param name="lang" select="'th'"/>

  <xsl:variable name="kind" select="/mail/@kind"/>
  <!-- dates.xsl's default language; every call here passes its own. -->
  <xsl:variable name="L" select="'th'"/>
  <xsl:variable name="nl" select="'&#10;'"/>

  <!-- The texts of each kind: s = subject, p = the opening sentence. -->
  <xsl:template name="t">
    <xsl:param name="what"/>
    <xsl:param name="l"/>
    <xsl:variable name="k" select="concat($kind, '.', $what, '.', $l)"/>
    <xsl:choose>
      <xsl:when test="$k = 'task.s.th'">งานใหม่รอดำเนินการ</xsl:when>
      <xsl:when test="$k = 'task.s.en'">New task</xsl:when>
      <xsl:when test="$k = 'task.p.th'">มีคำขอรอให้ท่านดำเนินการในขั้นตอนด้านล่าง</xsl:when>
      <xsl:when test="$k = 'task.p.en'">A request is waiting for you at the step below.</xsl:when>
      <xsl:when test="$k = 'approval.s.th'">รอการอนุมัติ</xsl:when>
      <xsl:when test="$k = 'approval.s.en'">Approval needed</xsl:when>
      <xsl:when test="$k = 'approval.p.th'">มีคำขอรอการพิจารณาอนุมัติจากท่าน</xsl:when>
      <xsl:when test="$k = 'approval.p.en'">A request is waiting for your approval.</xsl:when>
      <xsl:when test="$k = 'returned.s.th'">คำขอถูกส่งกลับเพื่อแก้ไข</xsl:when>
      <xsl:when test="$k = 'returned.s.en'">Request returned for details</xsl:when>
      <xsl:when test="$k = 'returned.p.th'">คำขอของท่านถูกส่งกลับเพื่อให้แก้ไขหรือเพิ่มเติมรายละเอียด แล้วส่งกลับมาอีกครั้ง</xsl:when>
      <xsl:when test="$k = 'returned.p.en'">Your request was sent back to you for missing details; please complete it and send it again.</xsl:when>
      <xsl:when test="$k = 'done.s.th'">ดำเนินการเสร็จสิ้น</xsl:when>
      <xsl:when test="$k = 'done.s.en'">Request completed</xsl:when>
      <xsl:when test="$k = 'done.p.th'">คำขอของท่านดำเนินการเสร็จสิ้นแล้ว ขอบคุณที่ใช้บริการ</xsl:when>
      <xsl:when test="$k = 'done.p.en'">Your request has been completed. Thank you.</xsl:when>
      <xsl:when test="$k = 'rejected.s.th'">คำขอไม่ได้รับอนุมัติ</xsl:when>
      <xsl:when test="$k = 'rejected.s.en'">Request not approved</xsl:when>
      <xsl:when test="$k = 'rejected.p.th'">คำขอของท่านไม่ได้รับอนุมัติ ด้วยเหตุผลด้านล่าง</xsl:when>
      <xsl:when test="$k = 'rejected.p.en'">Your request was not approved, for the reason below.</xsl:when>
      <xsl:when test="$k = 'notify.s.th'">แจ้งความคืบหน้าของคำขอ</xsl:when>
      <xsl:when test="$k = 'notify.s.en'">News of a request</xsl:when>
      <xsl:when test="$k = 'notify.p.th'">มีความคืบหน้าของคำขอ ตามขั้นตอนด้านล่าง</xsl:when>
      <xsl:when test="$k = 'notify.p.en'">There is news of a request, at the step below.</xsl:when>
      <xsl:when test="$k = 'warned.s.th'">คำขอใกล้ครบกำหนดเวลาให้บริการ</xsl:when>
      <xsl:when test="$k = 'warned.s.en'">Request nearly due</xsl:when>
      <xsl:when test="$k = 'warned.p.th'">คำขอนี้ใช้เวลาไปแล้วกว่าร้อยละ 75 ของกำหนดเวลาให้บริการ และรอท่านดำเนินการในขั้นตอนด้านล่าง</xsl:when>
      <xsl:when test="$k = 'warned.p.en'">This request has used more than 75 % of its time limit and is waiting for you at the step below.</xsl:when>
      <xsl:when test="$k = 'overdue.s.th'">คำขอเกินกำหนดเวลาให้บริการ</xsl:when>
      <xsl:when test="$k = 'overdue.s.en'">Request overdue</xsl:when>
      <xsl:when test="$k = 'overdue.p.th'">คำขอนี้เกินกำหนดเวลาให้บริการแล้ว และยังรอดำเนินการในขั้นตอนด้านล่าง</xsl:when>
      <xsl:when test="$k = 'overdue.p.en'">This request is past its time limit and is still waiting at the step below.</xsl:when>
      <xsl:when test="$k = 'confirm.s.th'">ยืนยันคำขอรับบริการ</xsl:when>
      <xsl:when test="$k = 'confirm.s.en'">Confirm your request</xsl:when>
      <xsl:when test="$k = 'confirm.p.th'">มีการยื่นคำขอรับบริการด้านล่างโดยใช้อีเมลนี้ กรุณากดลิงก์ยืนยันภายใน 48 ชั่วโมง คำขอจึงจะเริ่มดำเนินการ หากท่านไม่ได้ยื่นคำขอ ไม่ต้องทำอะไร</xsl:when>
      <xsl:when test="$k = 'confirm.p.en'">A request below was filed with this e-mail address. Follow the link within 48 hours to confirm it and it will start; if you did not file it, do nothing.</xsl:when>
      <xsl:when test="$k = 'receipt.s.th'">รับคำขอแล้ว</xsl:when>
      <xsl:when test="$k = 'receipt.s.en'">Request received</xsl:when>
      <xsl:when test="$k = 'receipt.p.th'">คำขอของท่านได้รับการยืนยันและเริ่มดำเนินการแล้ว เก็บหมายเลขคำขอและรหัสติดตามไว้เพื่อติดตามสถานะ</xsl:when>
      <xsl:when test="$k = 'receipt.p.en'">Your request is confirmed and has started. Keep its number and tracking code to follow it.</xsl:when>
      <xsl:when test="$k = 'survey.s.th'">แบบประเมินความพึงพอใจ</xsl:when>
      <xsl:when test="$k = 'survey.s.en'">How did we do?</xsl:when>
      <xsl:when test="$k = 'survey.p.th'">ดำเนินการตามคำขอของท่านแล้ว กรุณาประเมินความพึงพอใจต่อการให้บริการ ลิงก์นี้ใช้ได้ครั้งเดียวภายใน 30 วัน</xsl:when>
      <xsl:when test="$k = 'survey.p.en'">Your request has been served. Please rate the service; the link works once, within 30 days.</xsl:when>
      <xsl:otherwise><xsl:value-of select="$k"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The text of the link: per kind, else "open the request". -->
  <xsl:template name="link-label">
    <xsl:param name="l"/>
    <xsl:variable name="k" select="concat($kind, '.', $l)"/>
    <xsl:choose>
      <xsl:when test="$k = 'confirm.th'">ยืนยันคำขอ</xsl:when>
      <xsl:when test="$k = 'confirm.en'">Confirm the request</xsl:when>
      <xsl:when test="$k = 'receipt.th'">ติดตามสถานะคำขอ</xsl:when>
      <xsl:when test="$k = 'receipt.en'">Track the request</xsl:when>
      <xsl:when test="$k = 'survey.th'">ตอบแบบประเมิน</xsl:when>
      <xsl:when test="$k = 'survey.en'">Rate the service</xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="label"><xsl:with-param name="what" select="'link'"/><xsl:with-param name="l" select="$l"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Labels of the lines, per language. -->
  <xsl:template name="label">
    <xsl:param name="what"/>
    <xsl:param name="l"/>
    <xsl:variable name="k" select="concat($what, '.', $l)"/>
    <xsl:choose>
      <xsl:when test="$k = 'dear.th'">เรียน</xsl:when>
      <xsl:when test="$k = 'dear.en'">Dear</xsl:when>
      <xsl:when test="$k = 'number.th'">เลขที่คำขอ</xsl:when>
      <xsl:when test="$k = 'number.en'">Request</xsl:when>
      <xsl:when test="$k = 'process.th'">กระบวนงาน</xsl:when>
      <xsl:when test="$k = 'process.en'">Process</xsl:when>
      <xsl:when test="$k = 'step.th'">ขั้นตอน</xsl:when>
      <xsl:when test="$k = 'step.en'">Step</xsl:when>
      <xsl:when test="$k = 'requester.th'">ผู้ขอรับบริการ</xsl:when>
      <xsl:when test="$k = 'requester.en'">Requested by</xsl:when>
      <xsl:when test="$k = 'reason.th'">เหตุผล</xsl:when>
      <xsl:when test="$k = 'reason.en'">Reason</xsl:when>
      <xsl:when test="$k = 'link.th'">ดูคำขอ</xsl:when>
      <xsl:when test="$k = 'link.en'">Open the request</xsl:when>
      <xsl:when test="$k = 'due.th'">กำหนดเสร็จ</xsl:when>
      <xsl:when test="$k = 'due.en'">Due</xsl:when>
      <xsl:when test="$k = 'days.th'">ระยะเวลา</xsl:when>
      <xsl:when test="$k = 'days.en'">Time</xsl:when>
      <xsl:when test="$k = 'code.th'">รหัสติดตาม</xsl:when>
      <xsl:when test="$k = 'code.en'">Tracking code</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The due date in the Buddhist era, and the working days left or late. -->
  <xsl:template name="clock-value">
    <xsl:param name="what"/>
    <xsl:param name="l"/>
    <xsl:choose>
      <xsl:when test="$what = 'due'">
        <xsl:call-template name="format-date">
          <xsl:with-param name="date" select="/mail/due"/>
          <xsl:with-param name="lang" select="$l"/>
          <xsl:with-param name="be" select="'yes'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$kind = 'overdue' and $l = 'th'">
        <xsl:value-of select="concat('เกินกำหนด ', /mail/days, ' วันทำการ')"/>
      </xsl:when>
      <xsl:when test="$kind = 'overdue'">
        <xsl:value-of select="concat(/mail/days, ' working days late')"/>
      </xsl:when>
      <xsl:when test="$l = 'th'">
        <xsl:value-of select="concat('เหลืออีก ', /mail/days, ' วันทำการ')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat(/mail/days, ' working days left')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="text-part">
    <xsl:param name="l"/>
    <xsl:call-template name="label"><xsl:with-param name="what" select="'dear'"/><xsl:with-param name="l" select="$l"/></xsl:call-template>
    <xsl:value-of select="concat(' ', /mail/to-name, $nl, $nl)"/>
    <xsl:call-template name="t"><xsl:with-param name="what" select="'p'"/><xsl:with-param name="l" select="$l"/></xsl:call-template>
    <xsl:value-of select="concat($nl, $nl)"/>
    <xsl:for-each select="/mail/number | /mail/code | /mail/title | /mail/step | /mail/requester | /mail/reason">
      <xsl:variable name="k" select="concat(substring('process', 1, 7 * (local-name() = 'title')), substring(local-name(), 1, string-length(local-name()) * (local-name() != 'title')))"/>
      <xsl:variable name="v">
        <xsl:choose>
          <xsl:when test="self::title or self::step"><xsl:value-of select="normalize-space(*[local-name() = $l])"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:if test="normalize-space($v) != '' and (not(self::requester) or $kind = 'task' or $kind = 'approval' or /mail/due)">
        <xsl:call-template name="label"><xsl:with-param name="what" select="$k"/><xsl:with-param name="l" select="$l"/></xsl:call-template>
        <xsl:value-of select="concat(': ', $v, $nl)"/>
      </xsl:if>
    </xsl:for-each>
    <xsl:for-each select="/mail/due | /mail/days">
      <xsl:call-template name="label"><xsl:with-param name="what" select="local-name()"/><xsl:with-param name="l" select="$l"/></xsl:call-template>
      <xsl:text>: </xsl:text>
      <xsl:call-template name="clock-value"><xsl:with-param name="what" select="local-name()"/><xsl:with-param name="l" select="$l"/></xsl:call-template>
      <xsl:value-of select="$nl"/>
    </xsl:for-each>
    <xsl:call-template name="link-label"><xsl:with-param name="l" select="$l"/></xsl:call-template>
    <xsl:value-of select="concat(': ', /mail/link, $nl)"/>
  </xsl:template>

  <xsl:template name="html-part">
    <xsl:param name="l"/>
    <div lang="{$l}">
      <p>
        <xsl:call-template name="label"><xsl:with-param name="what" select="'dear'"/><xsl:with-param name="l" select="$l"/></xsl:call-template>
        <xsl:value-of select="concat(' ', /mail/to-name)"/>
      </p>
      <p><xsl:call-template name="t"><xsl:with-param name="what" select="'p'"/><xsl:with-param name="l" select="$l"/></xsl:call-template></p>
      <table>
        <xsl:for-each select="/mail/number | /mail/code | /mail/title | /mail/step | /mail/requester | /mail/reason">
          <xsl:variable name="k" select="concat(substring('process', 1, 7 * (local-name() = 'title')), substring(local-name(), 1, string-length(local-name()) * (local-name() != 'title')))"/>
          <xsl:variable name="v">
            <xsl:choose>
              <xsl:when test="self::title or self::step"><xsl:value-of select="normalize-space(*[local-name() = $l])"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <xsl:if test="normalize-space($v) != '' and (not(self::requester) or $kind = 'task' or $kind = 'approval' or /mail/due)">
            <tr>
              <th scope="row" align="left"><xsl:call-template name="label"><xsl:with-param name="what" select="$k"/><xsl:with-param name="l" select="$l"/></xsl:call-template></th>
              <td><xsl:value-of select="$v"/></td>
            </tr>
          </xsl:if>
        </xsl:for-each>
        <xsl:for-each select="/mail/due | /mail/days">
          <tr>
            <th scope="row" align="left"><xsl:call-template name="label"><xsl:with-param name="what" select="local-name()"/><xsl:with-param name="l" select="$l"/></xsl:call-template></th>
            <td><xsl:call-template name="clock-value"><xsl:with-param name="what" select="local-name()"/><xsl:with-param name="l" select="$l"/></xsl:call-template></td>
          </tr>
        </xsl:for-each>
      </table>
      <p>
        <a href="{/mail/link}">
          <xsl:call-template name="link-label"><xsl:with-param name="l" select="$l"/></xsl:call-template>
        </a>
      </p>
    </div>
  </xsl:template>

  <xsl:template match="/mail">
    <mail>
      <subject>
        <xsl:call-template name="t"><xsl:with-param name="what" select="'s'"/><xsl:with-param name="l" select="'th'"/></xsl:call-template>
        <xsl:value-of select="concat(' ', number, ' / ')"/>
        <xsl:call-template name="t"><xsl:with-param name="what" select="'s'"/><xsl:with-param name="l" select="'en'"/></xsl:call-template>
      </subject>
      <text>
        <xsl:call-template name="text-part"><xsl:with-param name="l" select="'th'"/></xsl:call-template>
        <xsl:value-of select="concat($nl, '----', $nl, $nl)"/>
        <xsl:call-template name="text-part"><xsl:with-param name="l" select="'en'"/></xsl:call-template>
        <xsl:value-of select="concat($nl, '-- ', $nl, 'ศูนย์บริการ ICT / ICT Service Centre', $nl)"/>
      </text>
      <body>
        <html lang="th">
          <head>
            <meta charset="UTF-8"/>
            <title>
              <xsl:call-template name="t"><xsl:with-param name="what" select="'s'"/><xsl:with-param name="l" select="'th'"/></xsl:call-template>
              <xsl:value-of select="concat(' ', number)"/>
            </title>
          </head>
          <body>
            <xsl:call-template name="html-part"><xsl:with-param name="l" select="'th'"/></xsl:call-template>
            <hr/>
            <xsl:call-template name="html-part"><xsl:with-param name="l" select="'en'"/></xsl:call-template>
            <p><small>ศูนย์บริการ ICT / ICT Service Centre</small></p>
          </body>
        </html>
      </body>
    </mail>
  </xsl:template>
</xsl:stylesheet>
