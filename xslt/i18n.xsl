<?xml version="1.0" encoding="UTF-8"?>
<!--
  Borikan message catalogue: every fixed text of every page, in Thai and English.

  Use:   <xsl:call-template name="msg"><xsl:with-param name="key" select="'nav.catalogue'"/></xsl:call-template>
  With an argument: a text may hold one "{0}", replaced by the param "arg".
  Bilingual content of the input (<th>/<en> children): apply-templates mode="bi".

  How it works: the catalogue of the page language only is one result tree fragment (built
  once per transformation, ~170 small elements), turned into a node set with an xsl:key on
  it, so a look-up is one hash probe (about 1 us with libxslt; the whole set-up about 80 us).
  A missing key prints the key itself (easy to spot in a page). Both language blocks below
  hold the same keys in the same order: add a text to both.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    xmlns:bki="urn:borikan:i18n"
    extension-element-prefixes="exsl"
    exclude-result-prefixes="exsl bki">
  <!-- function-available('bki:msg') is true in the server only (render.c). -->

  <!-- 'th' or 'en'; anything else is treated as 'th'. -->
  <xsl:param name="lang" select="'th'"/>
  <!-- the language actually used, as a string: 'en' when $lang is 'en', else 'th' -->
  <xsl:variable name="L" select="substring('then', 1 + 2 * ($lang = 'en'), 2)"/>

  <xsl:key name="i18n" match="m" use="@k"/>

  <xsl:template name="msg">
    <xsl:param name="key"/>
    <xsl:param name="arg"/>
    <xsl:choose>
      <!-- In the server: a look-up in the worker's tables of these same texts (render.c),
           with no per-page set-up. Elsewhere (xsltproc): the catalogue below. -->
      <xsl:when test="function-available('bki:msg')">
        <xsl:variable name="hit" select="bki:msg($L, $key)"/>
        <xsl:choose>
          <xsl:when test="string($arg) != '' and contains($hit, '{0}')">
            <xsl:value-of select="concat(substring-before($hit, '{0}'), $arg, substring-after($hit, '{0}'))"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$hit"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="msg-catalogue">
          <xsl:with-param name="key" select="$key"/>
          <xsl:with-param name="arg" select="$arg"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="msg-catalogue">
    <xsl:param name="key"/>
    <xsl:param name="arg"/>
    <xsl:for-each select="document('')/*/bki:catalogue/bki:block[@lang = $L]">
      <xsl:variable name="hit" select="key('i18n', $key)[../@lang = $L]"/>
      <xsl:choose>
        <xsl:when test="not($hit)"><xsl:value-of select="$key"/></xsl:when>
        <xsl:when test="string($arg) != '' and contains($hit, '{0}')">
          <xsl:value-of select="concat(substring-before($hit, '{0}'), $arg, substring-after($hit, '{0}'))"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$hit"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- The text of a bilingual element (one with <th> and <en> children) in $L, else Thai. -->
  <xsl:template match="*" mode="bi">
    <xsl:variable name="x" select="*[local-name() = $L][1]"/>
    <xsl:choose>
      <xsl:when test="normalize-space($x) != ''"><xsl:value-of select="normalize-space($x)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space(*[local-name() = 'th'][1])"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The name of a role id. -->
  <xsl:template name="role-name">
    <xsl:param name="id"/>
    <xsl:call-template name="msg">
      <xsl:with-param name="key" select="concat('role.', $id)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The catalogue: one block per language, the same keys in the same order in both. -->
  <!-- The catalogue: one block per language, the same keys in the same order in both. A
       top-level element of another namespace: the XSLT processor ignores it (nothing is built
       per page); render.c reads it into the worker's tables, and msg-catalogue reads it with
       document('') where there is no server (xsltproc). -->
  <bki:catalogue>
    <bki:block lang="th">
        <!-- site -->
        <m k="site.name">บริการ ICT</m>
        <m k="site.sub">Borikan</m>
        <m k="site.footer">Borikan · ศูนย์บริการ ICT ของสำนักงานเขตพื้นที่การศึกษา</m>
        <m k="site.footer-note">ขั้นตอนและระยะเวลาตามคู่มือการปฏิบัติงาน นับเฉพาะวันทำการ</m>
        <m k="nav.label">เมนูหลัก</m>
        <m k="nav.home">หน้าแรก</m>
        <m k="nav.catalogue">บริการและกระบวนงาน</m>
        <m k="nav.skip">ข้ามไปยังเนื้อหา</m>
        <m k="lang.switch">English</m>
        <m k="lang.switch-title">View this page in English</m>
        <!-- home -->
        <m k="home.title">ศูนย์บริการ ICT</m>
        <m k="home.lead">Borikan คือศูนย์บริการเทคโนโลยีสารสนเทศและการสื่อสาร (ICT) ของสำนักงานเขตพื้นที่การศึกษา สำหรับครู บุคลากรของสถานศึกษา และเจ้าหน้าที่ของสำนักงาน</m>
        <m k="home.what">ยื่นคำขอรับบริการ เช่น แจ้งซ่อมคอมพิวเตอร์ ขอบัญชีผู้ใช้ หรือขอข้อมูล ติดตามสถานะคำขอ และอ่านคู่มือการปฏิบัติงานของแต่ละกระบวนงานพร้อมแผนผังขั้นตอนและระยะเวลาให้บริการ</m>
        <m k="home.cta">ดูบริการและกระบวนงานทั้งหมด</m>
        <!-- catalogue -->
        <m k="cat.title">บริการและกระบวนงาน</m>
        <m k="cat.lead">กระบวนงานทั้งหมดของศูนย์บริการ ICT แต่ละรายการมีคู่มือการปฏิบัติงาน แผนผังขั้นตอน แบบฟอร์ม และระยะเวลาให้บริการ</m>
        <m k="cat.empty">ยังไม่มีกระบวนงานในหมวดนี้</m>
        <m k="group.service">งานบริการตามคำขอ</m>
        <m k="group.programme">โครงการและแผนงาน</m>
        <m k="group.monitoring">การติดตามและประเมินผล</m>
        <m k="group.service.lead">ผู้ขอรับบริการยื่นคำขอและติดตามผลได้ด้วยตนเอง</m>
        <m k="group.programme.lead">กลุ่มงาน ICT ริเริ่ม ดำเนินการโดยคณะทำงาน และรายงานผู้อำนวยการ</m>
        <m k="group.monitoring.lead">ดำเนินการเป็นรอบ ติดตาม ตรวจสอบ และรายงานผลประจำปี</m>
        <m k="badge.public">ไม่ต้องมีบัญชีผู้ใช้</m>
        <m k="badge.public-title">ผู้ใดก็ยื่นคำขอนี้ได้โดยไม่ต้องเข้าสู่ระบบ</m>
        <m k="tl.label">ระยะเวลา</m>
        <m k="tl.days">ภายใน {0} วันทำการ</m>
        <m k="tl.days-1">ภายใน 1 วันทำการ</m>
        <m k="tl.immediate">ทันที</m>
        <m k="tl.explain">นับเฉพาะวันทำการ ไม่รวมวันหยุดราชการ</m>
        <m k="tl.explain-immediate">ให้บริการในขณะที่ผู้ขอรับบริการรออยู่</m>
        <m k="updated">ปรับปรุงเมื่อ {0}</m>
        <!-- manual -->
        <m k="man.kicker">คู่มือการปฏิบัติงาน</m>
        <m k="man.code">รหัสกระบวนงาน</m>
        <m k="man.version">ฉบับที่</m>
        <m k="man.source">ที่มา</m>
        <m k="man.source-document">เอกสาร {0}</m>
        <m k="man.xml">นิยามกระบวนงาน (XML)</m>
        <m k="man.toc">สารบัญ</m>
        <m k="man.back">กลับไปหน้ารายการบริการ</m>
        <m k="man.request">ยื่นคำขอรับบริการนี้</m>
        <m k="q.prev">← หน้าก่อน</m>
        <m k="q.next">หน้าถัดไป →</m>
        <m k="sec.objective">วัตถุประสงค์</m>
        <m k="sec.scope">ขอบเขต</m>
        <m k="sec.definitions">คำจำกัดความ</m>
        <m k="sec.responsibilities">หน้าที่ความรับผิดชอบ</m>
        <m k="sec.steps">ขั้นตอนการปฏิบัติงาน</m>
        <m k="sec.flowchart">แผนผังขั้นตอนการปฏิบัติงาน</m>
        <m k="sec.forms">แบบฟอร์มที่ใช้</m>
        <m k="sec.references">เอกสารอ้างอิงและกฎหมายที่เกี่ยวข้อง</m>
        <m k="sec.time-limit">ระยะเวลาให้บริการ</m>
        <m k="man.no-definitions">ไม่มีคำจำกัดความเฉพาะ</m>
        <m k="man.no-forms">กระบวนงานนี้ไม่มีแบบฟอร์ม</m>
        <m k="man.no-references">ไม่มีเอกสารอ้างอิง</m>
        <m k="step.actor">ผู้ปฏิบัติ</m>
        <m k="step.kind">ประเภท</m>
        <m k="step.days">ระยะเวลา</m>
        <m k="step.days-n">{0} วันทำการ</m>
        <m k="step.days-1">1 วันทำการ</m>
        <m k="step.may-return">ส่งคำขอกลับให้ผู้ขอรับบริการแก้ไขหรือเพิ่มเติมรายละเอียดได้</m>
        <m k="step.branches">ทางเลือก</m>
        <m k="step.next">ขั้นตอนถัดไป</m>
        <m k="step.when">เมื่อ</m>
        <m k="step.approvers">ผู้อนุมัติ</m>
        <m k="step.approvers-any">คนใดคนหนึ่ง</m>
        <m k="step.approvers-all">ทุกคน</m>
        <m k="step.approver-field">ของหน่วยงานที่ระบุในช่อง “{0}”</m>
        <m k="step.notify">แจ้งถึง</m>
        <m k="step.memo">ทะเบียนหนังสือ</m>
        <m k="memo.incoming">ทะเบียนหนังสือรับ</m>
        <m k="memo.outgoing">ทะเบียนหนังสือส่ง</m>
        <m k="form.document">เลขที่เอกสาร</m>
        <m k="form.step">กรอกในขั้นตอน</m>
        <m k="form.request">แบบคำขอ (ผู้ขอรับบริการกรอกเมื่อยื่นคำขอ)</m>
        <m k="form.col.field">ช่องข้อมูล</m>
        <m k="form.col.type">ชนิด</m>
        <m k="form.col.required">จำเป็น</m>
        <m k="form.col.constraints">เงื่อนไข</m>
        <m k="form.col.options">ตัวเลือก</m>
        <m k="form.yes">จำเป็น</m>
        <m k="form.no">ไม่บังคับ</m>
        <m k="c.min-length">อย่างน้อย {0} ตัวอักษร</m>
        <m k="c.max-length">ไม่เกิน {0} ตัวอักษร</m>
        <m k="c.min">ค่าต่ำสุด {0}</m>
        <m k="c.max">ค่าสูงสุด {0}</m>
        <m k="c.pattern">รูปแบบ</m>
        <m k="c.multiple">เลือกได้หลายข้อ</m>
        <m k="c.none">–</m>
        <!-- flow chart -->
        <m k="fc.aria">แผนผังขั้นตอนการปฏิบัติงาน: {0}</m>
        <m k="fc.legend">คำอธิบายสัญลักษณ์</m>
        <m k="fc.legend.terminal">เริ่มต้น / สิ้นสุด</m>
        <m k="fc.legend.task">งานที่เจ้าหน้าที่ปฏิบัติ</m>
        <m k="fc.legend.automatic">ระบบดำเนินการอัตโนมัติ</m>
        <m k="fc.legend.notification">การแจ้งเตือน</m>
        <m k="fc.legend.survey">ประเมินความพึงพอใจ</m>
        <m k="fc.legend.decision">พิจารณา / อนุมัติ (มีทางเลือก)</m>
        <m k="fc.hint">แผนผังย่อขยายตามความกว้างของจอ รายละเอียดของแต่ละขั้นตอนอยู่ในหัวข้อขั้นตอนการปฏิบัติงาน</m>
        <!-- step kinds -->
        <m k="kind.start">เริ่มต้น</m>
        <m k="kind.task">ปฏิบัติงาน</m>
        <m k="kind.approval">อนุมัติ</m>
        <m k="kind.decision">พิจารณา / ตัดสินใจ</m>
        <m k="kind.automatic">ระบบดำเนินการอัตโนมัติ</m>
        <m k="kind.notification">แจ้งเตือน</m>
        <m k="kind.survey">ประเมินความพึงพอใจ</m>
        <m k="kind.end">สิ้นสุด</m>
        <!-- field types -->
        <m k="type.text">ข้อความ</m>
        <m k="type.textarea">ข้อความหลายบรรทัด</m>
        <m k="type.email">อีเมล</m>
        <m k="type.tel">หมายเลขโทรศัพท์</m>
        <m k="type.url">ที่อยู่เว็บ (URL)</m>
        <m k="type.date">วันที่</m>
        <m k="type.number">ตัวเลข</m>
        <m k="type.select">เลือกจากรายการ</m>
        <m k="type.radio">เลือกหนึ่งข้อ</m>
        <m k="type.checkbox">ช่องทำเครื่องหมาย</m>
        <m k="type.file">ไฟล์แนบ</m>
        <!-- roles -->
        <m k="role.requester">ผู้ขอรับบริการ</m>
        <m k="role.ict-officer">นักวิชาการคอมพิวเตอร์</m>
        <m k="role.ict-head">หัวหน้ากลุ่มงาน ICT</m>
        <m k="role.department-head">หัวหน้าฝ่าย</m>
        <m k="role.director">ผู้อำนวยการ</m>
        <m k="role.records-office">งานสารบรรณ</m>
        <m k="role.data-owner">หน่วยงานเจ้าของข้อมูล</m>
        <m k="role.procurement">ฝ่ายพัสดุ</m>
        <m k="role.committee">คณะกรรมการ</m>
        <m k="role.administrator">ผู้ดูแลระบบ</m>
        <m k="role.system">ระบบ Borikan</m>
        <!-- errors -->
        <m k="err.code">รหัสข้อผิดพลาด</m>
        <m k="err.next">ทำอะไรต่อได้</m>
        <m k="err.to-catalogue">ไปที่หน้าบริการและกระบวนงาน</m>
        <m k="err.allow">วิธีที่ใช้ได้กับที่อยู่นี้: {0}</m>
        <m k="err.400.title">คำขอไม่ถูกต้อง</m>
        <m k="err.400.text">ข้อมูลที่ส่งมาไม่ครบถ้วนหรือไม่อยู่ในรูปแบบที่กำหนด</m>
        <m k="err.400.todo">กลับไปตรวจสอบข้อมูลแล้วลองส่งใหม่อีกครั้ง</m>
        <m k="err.403.title">ไม่มีสิทธิ์เข้าถึงหน้านี้</m>
        <m k="err.403.text">บัญชีของท่านไม่มีสิทธิ์ดูหรือดำเนินการในหน้านี้</m>
        <m k="err.403.todo">หากเห็นว่าควรมีสิทธิ์ โปรดติดต่อกลุ่มงาน ICT หรือผู้ดูแลระบบ</m>
        <m k="err.404.title">ไม่พบหน้าที่ต้องการ</m>
        <m k="err.404.text">ไม่มีหน้านี้ในระบบ หรือหน้านี้ถูกย้ายไปแล้ว</m>
        <m k="err.404.todo">ตรวจสอบที่อยู่อีกครั้ง หรือค้นหาบริการจากรายการบริการและกระบวนงาน</m>
        <m k="err.405.title">ไม่รองรับวิธีการเรียกนี้</m>
        <m k="err.405.text">ที่อยู่นี้ไม่รองรับวิธีการส่งคำขอแบบที่ใช้</m>
        <m k="err.405.todo">เปิดหน้าจากลิงก์หรือแบบฟอร์มในระบบแทนการเรียกโดยตรง</m>
        <m k="err.413.title">ข้อมูลที่ส่งมีขนาดใหญ่เกินไป</m>
        <m k="err.413.text">ข้อมูลหรือไฟล์แนบที่ส่งมามีขนาดเกินกว่าที่ระบบรับได้</m>
        <m k="err.413.todo">ลดขนาดไฟล์หรือแบ่งส่งหลายครั้ง แล้วลองใหม่</m>
        <m k="err.429.title">มีคำขอมากเกินไป</m>
        <m k="err.429.text">มีการส่งคำขอจากท่านถี่เกินไปในช่วงเวลาสั้น ๆ</m>
        <m k="err.429.todo">รอสักครู่แล้วลองใหม่อีกครั้ง</m>
        <m k="err.500.title">ระบบขัดข้อง</m>
        <m k="err.500.text">เกิดข้อผิดพลาดภายในระบบ คำขอของท่านยังไม่ได้รับการดำเนินการ</m>
        <m k="err.500.todo">ลองใหม่อีกครั้งในภายหลัง หากยังพบปัญหา โปรดแจ้งกลุ่มงาน ICT</m>
        <m k="err.503.title">ระบบไม่พร้อมให้บริการชั่วคราว</m>
        <m k="err.503.text">ระบบกำลังปรับปรุงหรือมีผู้ใช้งานจำนวนมาก</m>
        <m k="err.503.todo">โปรดลองใหม่อีกครั้งในอีกสักครู่</m>
        <m k="err.other.title">เกิดข้อผิดพลาด</m>
        <m k="err.other.text">ไม่สามารถดำเนินการตามคำขอได้</m>
        <m k="err.other.todo">ลองใหม่อีกครั้ง หรือกลับไปที่หน้าบริการและกระบวนงาน</m>
        <!-- accounts -->
        <m k="nav.login">เข้าสู่ระบบ</m>
        <m k="nav.logout">ออกจากระบบ</m>
        <m k="nav.account">บัญชีของฉัน</m>
        <m k="nav.signed-in">เข้าสู่ระบบในชื่อ {0}</m>
        <m k="login.title">เข้าสู่ระบบ</m>
        <m k="login.lead">สำหรับเจ้าหน้าที่และผู้ขอรับบริการที่มีบัญชีผู้ใช้</m>
        <m k="login.username">ชื่อผู้ใช้</m>
        <m k="login.password">รหัสผ่าน</m>
        <m k="login.submit">เข้าสู่ระบบ</m>
        <m k="login.missing">กรุณากรอกชื่อผู้ใช้และรหัสผ่าน</m>
        <m k="login.failed">ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง</m>
        <m k="login.throttled">ลองเข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป กรุณาลองใหม่ในอีก {0} นาที</m>
        <m k="login.public">บริการที่มีป้าย “ไม่ต้องมีบัญชีผู้ใช้” ยื่นคำขอได้จากหน้ารายการบริการโดยไม่ต้องเข้าสู่ระบบ</m>
        <m k="acc.title">บัญชีของฉัน</m>
        <m k="acc.username">ชื่อผู้ใช้</m>
        <m k="acc.name">ชื่อ-นามสกุล</m>
        <m k="acc.unit">หน่วยงาน</m>
        <m k="acc.roles">บทบาท</m>
        <m k="acc.no-roles">ยังไม่มีบทบาท ติดต่อผู้ดูแลระบบ</m>
        <m k="acc.role-unit">หน่วยงาน {0}</m>
        <m k="pw.title">เปลี่ยนรหัสผ่าน</m>
        <m k="pw.current">รหัสผ่านปัจจุบัน</m>
        <m k="pw.new">รหัสผ่านใหม่</m>
        <m k="pw.new-help">10–128 ตัวอักษร ไม่ซ้ำกับชื่อผู้ใช้</m>
        <m k="pw.confirm">ยืนยันรหัสผ่านใหม่</m>
        <m k="pw.submit">บันทึกรหัสผ่านใหม่</m>
        <m k="pw.done">เปลี่ยนรหัสผ่านแล้ว อุปกรณ์อื่นที่เข้าสู่ระบบไว้ถูกออกจากระบบทั้งหมด</m>
        <m k="password.missing">กรุณากรอกให้ครบทุกช่อง</m>
        <m k="password.current-wrong">รหัสผ่านปัจจุบันไม่ถูกต้อง</m>
        <m k="password.length">รหัสผ่านใหม่ต้องยาว 10–128 ตัวอักษร</m>
        <m k="password.weak">รหัสผ่านใหม่ต้องไม่ซ้ำกับชื่อผู้ใช้หรือรหัสผ่านเดิม</m>
        <m k="password.mismatch">รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน</m>
        <m k="form.error-summary">กรุณาแก้ไขข้อมูลที่ระบุ</m>
        <!-- request form -->
        <m k="rf.title">ยื่นคำขอ: {0}</m>
        <m k="rf.kicker">ยื่นคำขอรับบริการ</m>
        <m k="rf.manual">อ่านคู่มือการปฏิบัติงานของกระบวนงานนี้</m>
        <m k="rf.no-form">กระบวนงานนี้ไม่มีแบบฟอร์มคำขอ กดปุ่มด้านล่างเพื่อยื่นคำขอได้เลย</m>
        <m k="rf.required-note">ช่องที่มีเครื่องหมาย * ต้องกรอก</m>
        <m k="rf.choose">— เลือก —</m>
        <m k="rf.file-note">แนบไฟล์ได้ที่หน้าคำขอหลังยื่นแล้ว</m>
        <m k="rf.after">เมื่อยื่นแล้ว ท่านจะได้รับหมายเลขคำขอและรหัสติดตาม</m>
        <m k="rf.submit">ยื่นคำขอ</m>
        <m k="field.required-mark">(จำเป็น)</m>
        <m k="field.required">กรุณากรอกช่องนี้</m>
        <m k="field.too-long">ยาวได้ไม่เกิน {0} ตัวอักษร</m>
        <m k="field.too-short">ต้องมีอย่างน้อย {0} ตัวอักษร</m>
        <m k="field.email">อีเมลไม่ถูกต้อง</m>
        <m k="field.tel">หมายเลขโทรศัพท์ไม่ถูกต้อง</m>
        <m k="field.url">ที่อยู่เว็บไม่ถูกต้อง ต้องขึ้นต้นด้วย http:// หรือ https://</m>
        <m k="field.date">วันที่ไม่ถูกต้อง</m>
        <m k="field.number">กรุณากรอกเป็นตัวเลขจำนวนเต็ม</m>
        <m k="field.range">ต้องอยู่ระหว่าง {0}</m>
        <m k="field.option">กรุณาเลือกจากรายการ</m>
        <m k="field.pattern">รูปแบบไม่ถูกต้อง</m>
        <!-- request page -->
        <m k="rq.title">คำขอ {0}</m>
        <m k="rq.status">สถานะ</m>
        <m k="st.open">กำลังดำเนินการ</m>
        <m k="st.returned">ส่งกลับให้แก้ไข</m>
        <m k="st.done">เสร็จสิ้น</m>
        <m k="st.rejected">ไม่อนุมัติ/ยุติ</m>
        <m k="rq.step">ขั้นตอนปัจจุบัน</m>
        <m k="rq.waiting-requester">รอผู้ขอรับบริการแก้ไขหรือเพิ่มเติมรายละเอียด แล้วส่งคำขออีกครั้ง</m>
        <m k="rq.requester">ผู้ขอรับบริการ</m>
        <m k="rq.created">ยื่นเมื่อ</m>
        <m k="rq.updated">ปรับปรุงล่าสุด</m>
        <m k="rq.satisfaction">ความพึงพอใจ</m>
        <m k="rq.score">{0} จาก 5</m>
        <m k="rq.values">ข้อมูลในคำขอ</m>
        <m k="rq.empty">—</m>
        <m k="val.yes">ใช่</m>
        <m k="rcpt.done">ยื่นคำขอเรียบร้อยแล้ว</m>
        <m k="rcpt.title">บันทึกหมายเลขคำขอและรหัสติดตามนี้ไว้</m>
        <m k="rcpt.number">หมายเลขคำขอ</m>
        <m k="rcpt.code">รหัสติดตาม</m>
        <m k="rcpt.once">รหัสติดตามแสดงเพียงครั้งนี้ครั้งเดียว จดหรือถ่ายภาพหน้าจอเก็บไว้</m>
        <m k="act.stale">มีผู้ดำเนินการกับคำขอนี้ไปก่อนแล้ว หน้านี้แสดงสถานะล่าสุด</m>
        <m k="act.note">กรุณาระบุเหตุผลหรือรายละเอียด</m>
        <m k="act.title">ดำเนินการ</m>
        <m k="act.this-step">ขั้นตอนนี้: {0}</m>
        <m k="act.none">ขณะนี้ไม่มีสิ่งที่ท่านต้องดำเนินการกับคำขอนี้</m>
        <m k="act.decide">เลือกผลของขั้นตอนนี้</m>
        <m k="act.note-label">หมายเหตุ</m>
        <m k="act.note-add">เพิ่มหมายเหตุ (ไม่บังคับ)</m>
        <m k="act.hint.reject">จำเป็น: ระบุเหตุผลที่ไม่อนุมัติ</m>
        <m k="act.hint.return">จำเป็น: ระบุสิ่งที่ผู้ขอต้องแก้ไขหรือเพิ่มเติม</m>
        <m k="act.hint.resubmit">ระบุรายละเอียดที่แก้ไขหรือเพิ่มเติม</m>
        <m k="act.hint.comment">จำเป็น: ความเห็นจะบันทึกไว้ในประวัติของคำขอ โดยไม่เปลี่ยนขั้นตอน</m>
        <m k="act.complete">ดำเนินการขั้นตอนนี้เสร็จแล้ว</m>
        <m k="act.approve">อนุมัติ</m>
        <m k="act.reject">ไม่อนุมัติ</m>
        <m k="act.return">ส่งกลับให้ผู้ขอแก้ไข</m>
        <m k="act.resubmit">ส่งคำขออีกครั้ง</m>
        <m k="act.rate">ส่งผลการประเมิน</m>
        <m k="act.comment">เพิ่มความเห็น</m>
        <m k="act.comment-title">ความเห็น</m>
        <m k="act.next">ขั้นตอนถัดไป: {0}</m>
        <m k="act.returned-note">สิ่งที่เจ้าหน้าที่ขอให้แก้ไขหรือเพิ่มเติม</m>
        <m k="rate.legend">ความพึงพอใจต่อการให้บริการ</m>
        <m k="rate.1">ควรปรับปรุง</m>
        <m k="rate.2">พอใช้</m>
        <m k="rate.3">ปานกลาง</m>
        <m k="rate.4">ดี</m>
        <m k="rate.5">ดีมาก</m>
        <m k="hist.title">ประวัติการดำเนินการ</m>
        <m k="hist.empty">ยังไม่มีประวัติการดำเนินการ</m>
        <m k="who.system">ระบบ</m>
        <m k="ev.submitted">ยื่นคำขอ</m>
        <m k="ev.completed">ดำเนินการเสร็จ</m>
        <m k="ev.approved">อนุมัติ</m>
        <m k="ev.rejected">ไม่อนุมัติ</m>
        <m k="ev.decided">พิจารณาแล้ว</m>
        <m k="ev.returned">ส่งกลับให้ผู้ขอแก้ไข</m>
        <m k="ev.resubmitted">ส่งคำขออีกครั้ง</m>
        <m k="ev.rated">ประเมินความพึงพอใจ</m>
        <m k="ev.comment">แสดงความเห็น</m>
        <m k="ev.automatic">ดำเนินการอัตโนมัติ</m>
        <m k="ev.notified">แจ้งเตือน</m>
        <m k="ev.routed">ระบบเลือกเส้นทางตามข้อมูลในแบบฟอร์ม</m>
        <m k="prog.title">ขั้นตอนของกระบวนงาน</m>
        <m k="prog.current">ขั้นตอนปัจจุบัน</m>
        <m k="prog.passed">(ผ่านแล้ว)</m>
        <!-- queue -->
        <m k="q.title">งานของฉัน</m>
        <m k="q.lead">คำขอที่รอท่านดำเนินการ และคำขอที่ท่านยื่นไว้</m>
        <m k="q.tasks">รอดำเนินการโดยฉัน</m>
        <m k="q.mine">คำขอของฉัน</m>
        <m k="q.tasks-empty">ไม่มีคำขอที่รอท่านดำเนินการ</m>
        <m k="q.mine-empty">ท่านยังไม่มีคำขอ</m>
        <m k="q.new">ยื่นคำขอใหม่</m>
        <m k="q.step">ขั้นตอน</m>
        <m k="q.count">{0} รายการ</m>
        <!-- memos -->
        <m k="ev.memo-in">ลงทะเบียนรับบันทึกข้อความ</m>
        <m k="ev.memo-out">ออกเลขบันทึกข้อความ</m>
        <m k="memo.title">บันทึกข้อความ</m>
        <m k="memo.in">เลขรับ</m>
        <m k="memo.out">เลขส่ง</m>
        <m k="memo.fy">ปีงบประมาณ {0}</m>
        <m k="memo.field">เลขที่บันทึกข้อความที่รับ</m>
        <m k="memo.field-hint">ตามที่ปรากฏบนบันทึกข้อความของผู้ขอ ไม่เกิน 60 ตัวอักษร เช่น ศธ 0539.1/123</m>
        <m k="memo.reserve">เมื่อยืนยัน ระบบจะออกเลขบันทึกข้อความส่งถัดไปของหน่วยงานของท่านให้โดยอัตโนมัติ</m>
        <m k="memo.invalid">กรุณากรอกเลขที่บันทึกข้อความที่รับ 1–60 ตัวอักษร (Enter the incoming memo number, 1–60 characters.)</m>
        <m k="memo.duplicate">เลขที่บันทึกข้อความนี้ลงทะเบียนรับในปีงบประมาณนี้แล้ว โปรดตรวจสอบเลขอีกครั้ง (This memo number is already in this fiscal year's incoming register.)</m>
        <!-- service log -->
        <m k="log.title">ทะเบียนการให้บริการประจำปี</m>
        <m k="log.lead">คำขอทุกกระบวนงานที่ยื่นในปีงบประมาณ (ตุลาคม–กันยายน) พร้อมเลขบันทึกข้อความรับ–ส่ง ระยะเวลา และความพึงพอใจ</m>
        <m k="log.year">ปีงบประมาณ</m>
        <m k="log.process">กระบวนงาน</m>
        <m k="log.all-processes">ทุกกระบวนงาน</m>
        <m k="log.status">สถานะ</m>
        <m k="log.all-statuses">ทุกสถานะ</m>
        <m k="log.filter">แสดง</m>
        <m k="log.csv">ดาวน์โหลด CSV (Excel)</m>
        <m k="log.total">ทั้งหมด {0} รายการ</m>
        <m k="log.empty">ไม่มีคำขอตามเงื่อนไขนี้</m>
        <m k="log.page">หน้า {0}</m>
        <m k="log.prev">หน้าก่อน</m>
        <m k="log.next">หน้าถัดไป</m>
        <m k="log.col.number">เลขที่คำขอ</m>
        <m k="log.col.process">กระบวนงาน</m>
        <m k="log.col.system">ระบบ</m>
        <m k="log.col.service">ประเภทการให้บริการ</m>
        <m k="log.col.requester">ผู้ขอรับบริการ</m>
        <m k="log.col.in">เลขบันทึกข้อความเข้า</m>
        <m k="log.col.out">เลขบันทึกข้อความออก</m>
        <m k="log.col.filed">วันที่ยื่น</m>
        <m k="log.col.closed">วันที่ปิด</m>
        <m k="log.col.within">ภายในระยะเวลา</m>
        <m k="log.col.score">ความพึงพอใจ</m>
        <m k="log.within-yes">ภายในเวลา</m>
        <m k="log.within-no">เกินเวลา</m>
        <!-- jobs (staff) -->
        <m k="jobs.title">งานเบื้องหลังที่ล้มเหลว</m>
        <m k="jobs.lead">งาน (เช่น อีเมลแจ้งเตือน) ที่ลองครบจำนวนครั้งแล้วไม่สำเร็จ ตรวจสอบสาเหตุแล้วสั่งให้ลองใหม่ได้</m>
        <m k="jobs.empty">ไม่มีงานที่ล้มเหลว</m>
        <m k="jobs.retry">ลองใหม่</m>
        <m k="jobs.kind">ประเภท</m>
        <m k="jobs.attempts">จำนวนครั้ง</m>
        <m k="jobs.error">สาเหตุล่าสุด</m>
        <m k="jobs.updated">เวลา</m>
        <m k="jobs.requeued">งาน #{0} ถูกนำกลับเข้าคิวแล้ว</m>
        <!-- time limits and the holiday calendar -->
        <m k="ev.warned">ใช้เวลาเกินร้อยละ 75 ของระยะเวลาให้บริการ</m>
        <m k="ev.overdue">เกินกำหนดเวลาให้บริการ</m>
        <m k="clk.due">กำหนดเสร็จ</m>
        <m k="clk.limit">(ระยะเวลาให้บริการ {0} วันทำการ)</m>
        <m k="clk.left">เหลืออีก {0} วันทำการ</m>
        <m k="clk.today">ครบกำหนดวันนี้</m>
        <m k="clk.overdue">เกินกำหนด {0} วันทำการ</m>
        <m k="clk.overdue-0">เกินกำหนดแล้ว</m>
        <m k="clk.paused">หยุดนับเวลาระหว่างรอผู้ขอรับบริการ</m>
        <m k="clk.paused-days">หยุดนับเวลาแล้วรวม {0} วันทำการ</m>
        <m k="q.overdue">เกินกำหนดเวลา</m>
        <m k="q.overdue-empty">ไม่มีคำขอที่เกินกำหนดในขั้นตอนที่ท่านรับผิดชอบ</m>
        <m k="q.due">กำหนดเสร็จ</m>
        <m k="q.overdue-by">เกิน {0} วันทำการ</m>
        <m k="hol.title">ปฏิทินวันหยุดราชการ</m>
        <m k="hol.year">พ.ศ. {0}</m>
        <m k="hol.lead">วันหยุดในปฏิทินนี้และวันเสาร์ อาทิตย์ ไม่นับเป็นวันทำการในการคำนวณกำหนดเสร็จของคำขอ การเปลี่ยนแปลงมีผลกับคำขอที่ยื่นหลังจากนี้</m>
        <m k="hol.prev">ปีก่อนหน้า</m>
        <m k="hol.next">ปีถัดไป</m>
        <m k="hol.count">วันหยุด {0} วัน</m>
        <m k="hol.date">วันที่</m>
        <m k="hol.name">ชื่อวันหยุด</m>
        <m k="hol.kind">ประเภท</m>
        <m k="hol.empty">ยังไม่มีวันหยุดในปีนี้</m>
        <m k="hol.add-title">เพิ่มวันหยุด</m>
        <m k="hol.add">เพิ่มวันหยุด</m>
        <m k="hol.delete">ลบ</m>
        <m k="hol.delete-label">ลบวันหยุดวันที่ {0}</m>
        <m k="hol.added">เพิ่มวันหยุดแล้ว</m>
        <m k="hol.deleted">ลบวันหยุดแล้ว</m>
        <m k="hol.errors">ยังเพิ่มวันหยุดไม่ได้ กรุณาแก้ไขข้อมูลต่อไปนี้</m>
        <m k="hol.date-hint">ปฏิทินของเบราว์เซอร์อาจแสดงปีเป็น ค.ศ. (พ.ศ. 2569 = ค.ศ. 2026)</m>
        <m k="hol.name-th">ชื่อภาษาไทย</m>
        <m k="hol.name-en">ชื่อภาษาอังกฤษ</m>
        <m k="hol.recurring">หยุดทุกปีในวันและเดือนเดียวกัน</m>
        <m k="hol.recurring-since">ทุกปี ตั้งแต่ พ.ศ. {0}</m>
        <m k="hol.once">เฉพาะวันนี้</m>
        <m k="hol.note">วันหยุดทางจันทรคติและวันหยุดชดเชย (เมื่อวันหยุดตรงกับวันเสาร์หรืออาทิตย์) ให้เพิ่มเป็นวันที่เฉพาะปีตามประกาศของทางราชการ</m>
        <m k="hol.date-bad">กรุณาระบุวันที่ให้ถูกต้อง (ปี ค.ศ.-เดือน-วัน เช่น 2026-12-07)</m>
        <m k="hol.date-range">วันที่ต้องอยู่ระหว่าง พ.ศ. 2543 ถึง พ.ศ. 2742</m>
        <m k="hol.name-th-required">กรุณาระบุชื่อวันหยุดภาษาไทย</m>
        <m k="hol.name-en-required">กรุณาระบุชื่อวันหยุดภาษาอังกฤษ</m>
        <m k="hol.name-long">ชื่อวันหยุดยาวได้ไม่เกิน 200 ตัวอักษร</m>
        <m k="hol.recurring-bad">ค่าของช่อง “หยุดทุกปี” ไม่ถูกต้อง</m>
        <m k="hol.exists">วันที่นี้เป็นวันหยุดอยู่แล้ว</m>
        <m k="wd.0">วันอาทิตย์</m>
        <m k="wd.1">วันจันทร์</m>
        <m k="wd.2">วันอังคาร</m>
        <m k="wd.3">วันพุธ</m>
        <m k="wd.4">วันพฤหัสบดี</m>
        <m k="wd.5">วันศุกร์</m>
        <m k="wd.6">วันเสาร์</m>
        <!-- attachments -->
        <m k="att.title">ไฟล์แนบ</m>
        <m k="att.empty">ยังไม่มีไฟล์แนบ</m>
        <m k="att.file-label">เลือกไฟล์ที่จะแนบ</m>
        <m k="att.hint">รับไฟล์ PDF, PNG, JPEG, GIF, WebP, ข้อความ (.txt), Word, Excel และ PowerPoint (.pptx) ขนาดไม่เกิน 10 เมกะไบต์ต่อไฟล์ ไม่เกิน {0} ไฟล์ต่อคำขอ</m>
        <m k="att.button">แนบไฟล์</m>
        <m k="att.kb">{0} KB</m>
        <m k="att.mb">{0} MB</m>
        <m k="att.none">กรุณาเลือกไฟล์ที่จะแนบ</m>
        <m k="att.empty-file">ไฟล์ที่เลือกไม่มีข้อมูล (ขนาด 0 ไบต์)</m>
        <m k="att.name">ชื่อไฟล์ต้องยาวไม่เกิน 200 ตัวอักษร และไม่มีเครื่องหมาย / หรือ \ หรืออักขระควบคุม</m>
        <m k="att.type">ไม่รับไฟล์ประเภทนี้: รับเฉพาะ PDF, PNG, JPEG, GIF, WebP, ข้อความ (.txt), Word (.doc, .docx), Excel (.xls, .xlsx) และ PowerPoint (.pptx) ระบบตรวจจากเนื้อไฟล์ ไม่ใช่จากนามสกุล</m>
        <m k="att.max">คำขอนี้มีไฟล์แนบครบ 20 ไฟล์แล้ว</m>
        <m k="att.closed">คำขอนี้สิ้นสุดแล้ว แนบไฟล์เพิ่มได้เฉพาะเจ้าหน้าที่</m>
        <m k="ev.attached">แนบไฟล์</m>
        <m k="err.415.title">ไม่รับข้อมูลประเภทนี้</m>
        <m k="err.415.text">ประเภทของข้อมูลหรือไฟล์ที่ส่งมาไม่ใช่ประเภทที่ระบบรับ</m>
        <m k="err.415.todo">ส่งแบบฟอร์มจากหน้าของระบบ หรือแนบไฟล์ประเภทที่ระบบรับ</m>
    </bki:block>
    <bki:block lang="en">
        <!-- site -->
        <m k="site.name">Borikan</m>
        <m k="site.sub">ICT service centre</m>
        <m k="site.footer">Borikan · ICT service centre of the education office</m>
        <m k="site.footer-note">Steps and time limits follow the work manuals; time limits count working days only.</m>
        <m k="nav.label">Main menu</m>
        <m k="nav.home">Home</m>
        <m k="nav.catalogue">Services and processes</m>
        <m k="nav.skip">Skip to content</m>
        <m k="lang.switch">ไทย</m>
        <m k="lang.switch-title">ดูหน้านี้เป็นภาษาไทย</m>
        <!-- home -->
        <m k="home.title">ICT service centre</m>
        <m k="home.lead">Borikan is the information and communication technology (ICT) service centre of the education office, for teachers, school staff and office staff.</m>
        <m k="home.what">Ask for a service (a computer repair, an account, data), follow your request, and read the work manual of every process with its flow chart and time limit.</m>
        <m k="home.cta">See all services and processes</m>
        <!-- catalogue -->
        <m k="cat.title">Services and processes</m>
        <m k="cat.lead">Every process of the ICT service centre, each with its work manual, flow chart, forms and time limit.</m>
        <m k="cat.empty">No processes in this group yet.</m>
        <m k="group.service">Service requests</m>
        <m k="group.programme">Programmes</m>
        <m k="group.monitoring">Monitoring and evaluation</m>
        <m k="group.service.lead">A requester files the request and follows it.</m>
        <m k="group.programme.lead">Started by the ICT group, carried out by a working committee, reported to the director.</m>
        <m k="group.monitoring.lead">Periodic: monitor, audit and report each year.</m>
        <m k="badge.public">No account needed</m>
        <m k="badge.public-title">Anyone may file this request without signing in</m>
        <m k="tl.label">Time limit</m>
        <m k="tl.days">within {0} working days</m>
        <m k="tl.days-1">within 1 working day</m>
        <m k="tl.immediate">immediately</m>
        <m k="tl.explain">Working days only; public holidays are not counted.</m>
        <m k="tl.explain-immediate">Answered while the requester waits.</m>
        <m k="updated">Updated {0}</m>
        <!-- manual -->
        <m k="man.kicker">Work manual</m>
        <m k="man.code">Process code</m>
        <m k="man.version">Version</m>
        <m k="man.source">Source</m>
        <m k="man.source-document">document {0}</m>
        <m k="man.xml">definition (XML)</m>
        <m k="man.toc">Contents</m>
        <m k="man.back">Back to the services</m>
        <m k="man.request">Request this service</m>
        <m k="q.prev">← Previous page</m>
        <m k="q.next">Next page →</m>
        <m k="sec.objective">Objective</m>
        <m k="sec.scope">Scope</m>
        <m k="sec.definitions">Definitions</m>
        <m k="sec.responsibilities">Responsibilities</m>
        <m k="sec.steps">Steps</m>
        <m k="sec.flowchart">Flow chart</m>
        <m k="sec.forms">Forms</m>
        <m k="sec.references">References</m>
        <m k="sec.time-limit">Time limit</m>
        <m k="man.no-definitions">No special terms.</m>
        <m k="man.no-forms">This process has no forms.</m>
        <m k="man.no-references">No references.</m>
        <m k="step.actor">Actor</m>
        <m k="step.kind">Kind</m>
        <m k="step.days">Time</m>
        <m k="step.days-n">{0} working days</m>
        <m k="step.days-1">1 working day</m>
        <m k="step.may-return">May return the request to the requester for missing details.</m>
        <m k="step.branches">Branches</m>
        <m k="step.next">Next step</m>
        <m k="step.when">when</m>
        <m k="step.approvers">Approved by</m>
        <m k="step.approvers-any">any one of them</m>
        <m k="step.approvers-all">all of them</m>
        <m k="step.approver-field">of the unit named in “{0}”</m>
        <m k="step.notify">Notifies</m>
        <m k="step.memo">Memo register</m>
        <m k="memo.incoming">incoming memos</m>
        <m k="memo.outgoing">outgoing memos</m>
        <m k="form.document">Document code</m>
        <m k="form.step">Filled in at step</m>
        <m k="form.request">Request form (filled in by the requester)</m>
        <m k="form.col.field">Field</m>
        <m k="form.col.type">Type</m>
        <m k="form.col.required">Required</m>
        <m k="form.col.constraints">Constraints</m>
        <m k="form.col.options">Options</m>
        <m k="form.yes">yes</m>
        <m k="form.no">no</m>
        <m k="c.min-length">at least {0} characters</m>
        <m k="c.max-length">at most {0} characters</m>
        <m k="c.min">minimum {0}</m>
        <m k="c.max">maximum {0}</m>
        <m k="c.pattern">pattern</m>
        <m k="c.multiple">several may be chosen</m>
        <m k="c.none">–</m>
        <!-- flow chart -->
        <m k="fc.aria">Flow chart: {0}</m>
        <m k="fc.legend">Legend</m>
        <m k="fc.legend.terminal">start / end</m>
        <m k="fc.legend.task">task done by staff</m>
        <m k="fc.legend.automatic">done automatically by the system</m>
        <m k="fc.legend.notification">notification</m>
        <m k="fc.legend.survey">satisfaction survey</m>
        <m k="fc.legend.decision">decision / approval (branches)</m>
        <m k="fc.hint">The chart scales to your screen; each step is described under Steps.</m>
        <!-- step kinds -->
        <m k="kind.start">start</m>
        <m k="kind.task">task</m>
        <m k="kind.approval">approval</m>
        <m k="kind.decision">decision</m>
        <m k="kind.automatic">automatic</m>
        <m k="kind.notification">notification</m>
        <m k="kind.survey">satisfaction survey</m>
        <m k="kind.end">end</m>
        <!-- field types -->
        <m k="type.text">text</m>
        <m k="type.textarea">long text</m>
        <m k="type.email">e-mail</m>
        <m k="type.tel">phone number</m>
        <m k="type.url">web address (URL)</m>
        <m k="type.date">date</m>
        <m k="type.number">number</m>
        <m k="type.select">choice from a list</m>
        <m k="type.radio">single choice</m>
        <m k="type.checkbox">checkbox</m>
        <m k="type.file">file attachment</m>
        <!-- roles -->
        <m k="role.requester">Requester</m>
        <m k="role.ict-officer">ICT officer</m>
        <m k="role.ict-head">ICT group head</m>
        <m k="role.department-head">Head of department</m>
        <m k="role.director">Director</m>
        <m k="role.records-office">Records office</m>
        <m k="role.data-owner">Data-owner unit</m>
        <m k="role.procurement">Procurement</m>
        <m k="role.committee">Committee</m>
        <m k="role.administrator">Administrator</m>
        <m k="role.system">Borikan (automatic)</m>
        <!-- errors -->
        <m k="err.code">Error code</m>
        <m k="err.next">What you can do</m>
        <m k="err.to-catalogue">Go to the services and processes</m>
        <m k="err.allow">Methods allowed here: {0}</m>
        <m k="err.400.title">Bad request</m>
        <m k="err.400.text">What was sent is incomplete or not in the expected form.</m>
        <m k="err.400.todo">Go back, check what you entered and send it again.</m>
        <m k="err.403.title">Access denied</m>
        <m k="err.403.text">Your account may not see or do this.</m>
        <m k="err.403.todo">If you think you should have access, contact the ICT group or the administrator.</m>
        <m k="err.404.title">Page not found</m>
        <m k="err.404.text">This page does not exist, or it has moved.</m>
        <m k="err.404.todo">Check the address, or find the service in the list of services and processes.</m>
        <m k="err.405.title">Method not allowed</m>
        <m k="err.405.text">This address does not accept this kind of request.</m>
        <m k="err.405.todo">Open the page from a link or form in Borikan instead.</m>
        <m k="err.413.title">Request too large</m>
        <m k="err.413.text">The data or the attached file is larger than Borikan accepts.</m>
        <m k="err.413.todo">Make the file smaller or send it in parts, then try again.</m>
        <m k="err.429.title">Too many requests</m>
        <m k="err.429.text">Too many requests came from you in a short time.</m>
        <m k="err.429.todo">Wait a moment and try again.</m>
        <m k="err.500.title">Something went wrong</m>
        <m k="err.500.text">An internal error occurred; your request was not carried out.</m>
        <m k="err.500.todo">Try again later; if it keeps happening, tell the ICT group.</m>
        <m k="err.503.title">Service temporarily unavailable</m>
        <m k="err.503.text">Borikan is under maintenance or very busy.</m>
        <m k="err.503.todo">Please try again in a few minutes.</m>
        <m k="err.other.title">Error</m>
        <m k="err.other.text">The request could not be carried out.</m>
        <m k="err.other.todo">Try again, or go back to the services and processes.</m>
        <!-- accounts -->
        <m k="nav.login">Sign in</m>
        <m k="nav.logout">Sign out</m>
        <m k="nav.account">My account</m>
        <m k="nav.signed-in">Signed in as {0}</m>
        <m k="login.title">Sign in</m>
        <m k="login.lead">For staff and requesters who have an account.</m>
        <m k="login.username">Username</m>
        <m k="login.password">Password</m>
        <m k="login.submit">Sign in</m>
        <m k="login.missing">Enter your username and your password.</m>
        <m k="login.failed">The username or the password is not correct.</m>
        <m k="login.throttled">Too many failed attempts. Try again in {0} minutes.</m>
        <m k="login.public">Services marked “no account needed” can be requested from the catalogue without signing in.</m>
        <m k="acc.title">My account</m>
        <m k="acc.username">Username</m>
        <m k="acc.name">Name</m>
        <m k="acc.unit">Unit</m>
        <m k="acc.roles">Roles</m>
        <m k="acc.no-roles">No roles yet: ask an administrator.</m>
        <m k="acc.role-unit">unit {0}</m>
        <m k="pw.title">Change password</m>
        <m k="pw.current">Current password</m>
        <m k="pw.new">New password</m>
        <m k="pw.new-help">10–128 characters, not your username</m>
        <m k="pw.confirm">Confirm the new password</m>
        <m k="pw.submit">Save the new password</m>
        <m k="pw.done">Your password was changed; every other device was signed out.</m>
        <m k="password.missing">Fill in every field.</m>
        <m k="password.current-wrong">The current password is not correct.</m>
        <m k="password.length">The new password must be 10–128 characters long.</m>
        <m k="password.weak">The new password must differ from your username and from the current one.</m>
        <m k="password.mismatch">The two new passwords do not match.</m>
        <m k="form.error-summary">Please correct what is marked.</m>
        <!-- request form -->
        <m k="rf.title">Request: {0}</m>
        <m k="rf.kicker">New request</m>
        <m k="rf.manual">Read the work manual of this process</m>
        <m k="rf.no-form">This process has no request form: press the button below to file the request.</m>
        <m k="rf.required-note">Fields marked * are required.</m>
        <m k="rf.choose">— choose —</m>
        <m k="rf.file-note">Attach files on the request's page after filing</m>
        <m k="rf.after">After filing you get a request number and a tracking code.</m>
        <m k="rf.submit">Submit request</m>
        <m k="field.required-mark">(required)</m>
        <m k="field.required">Please fill in this field.</m>
        <m k="field.too-long">At most {0} characters.</m>
        <m k="field.too-short">At least {0} characters.</m>
        <m k="field.email">This is not a valid e-mail address.</m>
        <m k="field.tel">This is not a valid phone number.</m>
        <m k="field.url">This is not a valid web address; it must start with http:// or https://.</m>
        <m k="field.date">This is not a valid date.</m>
        <m k="field.number">Enter a whole number.</m>
        <m k="field.range">Must be between {0}.</m>
        <m k="field.option">Choose one of the options.</m>
        <m k="field.pattern">This is not in the expected form.</m>
        <!-- request page -->
        <m k="rq.title">Request {0}</m>
        <m k="rq.status">Status</m>
        <m k="st.open">In progress</m>
        <m k="st.returned">Returned for changes</m>
        <m k="st.done">Done</m>
        <m k="st.rejected">Rejected / closed</m>
        <m k="rq.step">Current step</m>
        <m k="rq.waiting-requester">Waiting for the requester to add the missing details and send it again</m>
        <m k="rq.requester">Requester</m>
        <m k="rq.created">Filed</m>
        <m k="rq.updated">Last update</m>
        <m k="rq.satisfaction">Satisfaction</m>
        <m k="rq.score">{0} out of 5</m>
        <m k="rq.values">Request details</m>
        <m k="rq.empty">—</m>
        <m k="val.yes">Yes</m>
        <m k="rcpt.done">Your request has been filed.</m>
        <m k="rcpt.title">Keep this request number and tracking code</m>
        <m k="rcpt.number">Request number</m>
        <m k="rcpt.code">Tracking code</m>
        <m k="rcpt.once">The tracking code is shown only this once: write it down or take a screenshot.</m>
        <m k="act.stale">Someone acted on this request first; this page shows its latest state.</m>
        <m k="act.note">Please give a reason or details.</m>
        <m k="act.title">Actions</m>
        <m k="act.this-step">This step: {0}</m>
        <m k="act.none">There is nothing for you to do on this request now.</m>
        <m k="act.decide">Choose the outcome of this step</m>
        <m k="act.note-label">Note</m>
        <m k="act.note-add">Add a note (optional)</m>
        <m k="act.hint.reject">Required: give the reason for rejecting.</m>
        <m k="act.hint.return">Required: say what the requester must correct or add.</m>
        <m k="act.hint.resubmit">Say what you corrected or added.</m>
        <m k="act.hint.comment">Required: the comment is added to the history; the request stays at its step.</m>
        <m k="act.complete">Mark this step done</m>
        <m k="act.approve">Approve</m>
        <m k="act.reject">Reject</m>
        <m k="act.return">Return to the requester</m>
        <m k="act.resubmit">Send again</m>
        <m k="act.rate">Send the rating</m>
        <m k="act.comment">Add a comment</m>
        <m k="act.comment-title">Comments</m>
        <m k="act.next">Next: {0}</m>
        <m k="act.returned-note">What the officer asked you to correct or add</m>
        <m k="rate.legend">How satisfied are you with the service?</m>
        <m k="rate.1">Needs improvement</m>
        <m k="rate.2">Fair</m>
        <m k="rate.3">Average</m>
        <m k="rate.4">Good</m>
        <m k="rate.5">Very good</m>
        <m k="hist.title">History</m>
        <m k="hist.empty">Nothing has happened yet.</m>
        <m k="who.system">System</m>
        <m k="ev.submitted">Filed the request</m>
        <m k="ev.completed">Completed the step</m>
        <m k="ev.approved">Approved</m>
        <m k="ev.rejected">Rejected</m>
        <m k="ev.decided">Decided</m>
        <m k="ev.returned">Returned to the requester</m>
        <m k="ev.resubmitted">Sent the request again</m>
        <m k="ev.rated">Rated the service</m>
        <m k="ev.comment">Commented</m>
        <m k="ev.automatic">Done automatically</m>
        <m k="ev.notified">Notified</m>
        <m k="ev.routed">Routed by the system from the form</m>
        <m k="prog.title">Steps of the process</m>
        <m k="prog.current">current step</m>
        <m k="prog.passed">(passed)</m>
        <!-- queue -->
        <m k="q.title">My work</m>
        <m k="q.lead">Requests waiting for you, and the requests you filed.</m>
        <m k="q.tasks">Waiting for me</m>
        <m k="q.mine">My requests</m>
        <m k="q.tasks-empty">Nothing is waiting for you.</m>
        <m k="q.mine-empty">You have not filed any requests.</m>
        <m k="q.new">New request</m>
        <m k="q.step">Step</m>
        <m k="q.count">{0} items</m>
        <!-- memos -->
        <m k="ev.memo-in">Registered the incoming memo</m>
        <m k="ev.memo-out">Numbered the outgoing memo</m>
        <m k="memo.title">Memos</m>
        <m k="memo.in">Incoming</m>
        <m k="memo.out">Outgoing</m>
        <m k="memo.fy">fiscal year {0}</m>
        <m k="memo.field">Incoming memo number</m>
        <m k="memo.field-hint">As written on the requester's memo, at most 60 characters, e.g. ศธ 0539.1/123</m>
        <m k="memo.reserve">When you confirm, the next outgoing memo number of your unit is reserved for this request.</m>
        <m k="memo.invalid">Enter the incoming memo number, 1–60 characters. (กรุณากรอกเลขที่บันทึกข้อความที่รับ 1–60 ตัวอักษร)</m>
        <m k="memo.duplicate">This memo number is already in this fiscal year's incoming register: check the number. (เลขที่บันทึกข้อความนี้ลงทะเบียนรับในปีงบประมาณนี้แล้ว)</m>
        <!-- service log -->
        <m k="log.title">Yearly service log</m>
        <m k="log.lead">Every process's requests filed in a fiscal year (October–September), with memo numbers in and out, time taken and satisfaction.</m>
        <m k="log.year">Fiscal year</m>
        <m k="log.process">Process</m>
        <m k="log.all-processes">All processes</m>
        <m k="log.status">Status</m>
        <m k="log.all-statuses">All statuses</m>
        <m k="log.filter">Show</m>
        <m k="log.csv">Download CSV (Excel)</m>
        <m k="log.total">{0} requests in all</m>
        <m k="log.empty">No requests match.</m>
        <m k="log.page">Page {0}</m>
        <m k="log.prev">Previous page</m>
        <m k="log.next">Next page</m>
        <m k="log.col.number">Request</m>
        <m k="log.col.process">Process</m>
        <m k="log.col.system">System</m>
        <m k="log.col.service">Service type</m>
        <m k="log.col.requester">Requester</m>
        <m k="log.col.in">Incoming memo</m>
        <m k="log.col.out">Outgoing memo</m>
        <m k="log.col.filed">Filed</m>
        <m k="log.col.closed">Closed</m>
        <m k="log.col.within">Within the time limit</m>
        <m k="log.col.score">Satisfaction</m>
        <m k="log.within-yes">Within</m>
        <m k="log.within-no">Late</m>
        <!-- jobs (staff) -->
        <m k="jobs.title">Failed background jobs</m>
        <m k="jobs.lead">Jobs (such as notification mails) that failed on every attempt. Check the cause, then queue them again.</m>
        <m k="jobs.empty">No job has failed.</m>
        <m k="jobs.retry">Retry</m>
        <m k="jobs.kind">Kind</m>
        <m k="jobs.attempts">Attempts</m>
        <m k="jobs.error">Last error</m>
        <m k="jobs.updated">When</m>
        <m k="jobs.requeued">Job #{0} is queued again.</m>
        <!-- time limits and the holiday calendar -->
        <m k="ev.warned">75 % of the time limit used</m>
        <m k="ev.overdue">Past the time limit</m>
        <m k="clk.due">Due</m>
        <m k="clk.limit">(time limit {0} working days)</m>
        <m k="clk.left">{0} working days left</m>
        <m k="clk.today">Due today</m>
        <m k="clk.overdue">Overdue by {0} working days</m>
        <m k="clk.overdue-0">Past its due date</m>
        <m k="clk.paused">Paused while waiting for the requester</m>
        <m k="clk.paused-days">paused so far: {0} working days</m>
        <m k="q.overdue">Overdue</m>
        <m k="q.overdue-empty">Nothing is overdue at your steps.</m>
        <m k="q.due">Due</m>
        <m k="q.overdue-by">{0} working days over</m>
        <m k="hol.title">Holiday calendar</m>
        <m k="hol.year">B.E. {0}</m>
        <m k="hol.lead">These holidays, and Saturdays and Sundays, are not working days when the due date of a request is computed. A change applies to requests filed from now on.</m>
        <m k="hol.prev">Previous year</m>
        <m k="hol.next">Next year</m>
        <m k="hol.count">{0} holidays</m>
        <m k="hol.date">Date</m>
        <m k="hol.name">Holiday</m>
        <m k="hol.kind">Recurs</m>
        <m k="hol.empty">No holidays in this year yet.</m>
        <m k="hol.add-title">Add a holiday</m>
        <m k="hol.add">Add the holiday</m>
        <m k="hol.delete">Delete</m>
        <m k="hol.delete-label">Delete the holiday of {0}</m>
        <m k="hol.added">The holiday was added.</m>
        <m k="hol.deleted">The holiday was deleted.</m>
        <m k="hol.errors">The holiday was not added: please correct the following.</m>
        <m k="hol.date-hint">Your browser's calendar may show the Common Era year (B.E. 2569 = 2026).</m>
        <m k="hol.name-th">Thai name</m>
        <m k="hol.name-en">English name</m>
        <m k="hol.recurring">A holiday every year on the same day and month</m>
        <m k="hol.recurring-since">Every year since B.E. {0}</m>
        <m k="hol.once">This date only</m>
        <m k="hol.note">Lunar holidays and substitution days (for a holiday on a Saturday or Sunday) are added as dates of their own, as the government announces them.</m>
        <m k="hol.date-bad">Enter a valid date (Common Era year-month-day, e.g. 2026-12-07).</m>
        <m k="hol.date-range">The date must be between B.E. 2543 and B.E. 2742 (2000-2199).</m>
        <m k="hol.name-th-required">Enter the holiday's Thai name.</m>
        <m k="hol.name-en-required">Enter the holiday's English name.</m>
        <m k="hol.name-long">A holiday's name may be at most 200 characters long.</m>
        <m k="hol.recurring-bad">The “every year” box has an unexpected value.</m>
        <m k="hol.exists">That date is already a holiday.</m>
        <m k="wd.0">Sunday</m>
        <m k="wd.1">Monday</m>
        <m k="wd.2">Tuesday</m>
        <m k="wd.3">Wednesday</m>
        <m k="wd.4">Thursday</m>
        <m k="wd.5">Friday</m>
        <m k="wd.6">Saturday</m>
        <!-- attachments -->
        <m k="att.title">Attachments</m>
        <m k="att.empty">No files attached yet.</m>
        <m k="att.file-label">Choose a file to attach</m>
        <m k="att.hint">PDF, PNG, JPEG, GIF, WebP, plain text (.txt), Word, Excel and PowerPoint (.pptx), up to 10 MB per file and {0} files per request.</m>
        <m k="att.button">Attach</m>
        <m k="att.kb">{0} KB</m>
        <m k="att.mb">{0} MB</m>
        <m k="att.none">Choose a file to attach.</m>
        <m k="att.empty-file">The chosen file is empty (0 bytes).</m>
        <m k="att.name">A file name must be at most 200 characters, without / or \ or control characters.</m>
        <m k="att.type">This type of file is not accepted: only PDF, PNG, JPEG, GIF, WebP, plain text (.txt), Word (.doc, .docx), Excel (.xls, .xlsx) and PowerPoint (.pptx). Borikan checks the content, not the name.</m>
        <m k="att.max">This request already has 20 attachments.</m>
        <m k="att.closed">This request is closed: only staff may attach more files.</m>
        <m k="ev.attached">Attached a file</m>
        <m k="err.415.title">Unsupported content</m>
        <m k="err.415.text">The data or file sent is not of a type Borikan accepts.</m>
        <m k="err.415.todo">Send the form from Borikan's own page, or attach a file of an accepted type.</m>
    </bki:block>
  </bki:catalogue>
</xsl:stylesheet>
