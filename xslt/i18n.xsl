<?xml version="1.0" encoding="UTF-8"?>
<!--
  Borikan message catalogue: every fixed text of every page, in Thai and English.

  Use:   <xsl:call-template name="msg"><xsl:with-param name="key" select="'nav.catalogue'"/></xsl:call-template>
  With an argument: a text may hold one "{0}", replaced by the param "arg".
  Bilingual content of the input (<th>/<en> children): apply-templates mode="bi".

  The catalogue is one result tree fragment turned into a node set with an xsl:key on it,
  so a look-up is one hash probe, built once per transformation.
  A missing key prints the key itself (easy to spot in a page).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    xmlns:b="urn:borikan:i18n"
    extension-element-prefixes="exsl"
    exclude-result-prefixes="exsl b">

  <!-- 'th' or 'en'; anything else is treated as 'th'. -->
  <xsl:param name="lang" select="'th'"/>
  <!-- the language actually used, as a string: 'en' when $lang is 'en', else 'th' -->
  <xsl:variable name="L" select="substring('then', 1 + 2 * ($lang = 'en'), 2)"/>

  <xsl:key name="i18n" match="b:m/*" use="concat(local-name(), ':', ../@k)"/>

  <xsl:template name="msg">
    <xsl:param name="key"/>
    <xsl:param name="arg"/>
    <xsl:variable name="text">
      <xsl:for-each select="$i18n">
        <xsl:variable name="hit" select="key('i18n', concat($L, ':', $key))"/>
        <xsl:choose>
          <xsl:when test="$hit"><xsl:value-of select="$hit"/></xsl:when>
          <xsl:when test="key('i18n', concat('th:', $key))">
            <xsl:value-of select="key('i18n', concat('th:', $key))"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$key"/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="contains($text, '{0}')">
        <xsl:value-of select="concat(substring-before($text, '{0}'), $arg, substring-after($text, '{0}'))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
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

  <xsl:variable name="i18n" select="exsl:node-set($i18n-rtf)"/>
  <xsl:variable name="i18n-rtf">
    <!-- site -->
    <b:m k="site.name"><th>บริการ ICT</th><en>Borikan</en></b:m>
    <b:m k="site.sub"><th>Borikan</th><en>ICT service centre</en></b:m>
    <b:m k="site.title-suffix"><th>Borikan</th><en>Borikan</en></b:m>
    <b:m k="site.tagline"><th>ศูนย์บริการเทคโนโลยีสารสนเทศและการสื่อสาร (ICT) ของสำนักงานเขตพื้นที่การศึกษา</th><en>The information and communication technology (ICT) service centre of the education office</en></b:m>
    <b:m k="site.footer"><th>Borikan · ศูนย์บริการ ICT ของสำนักงานเขตพื้นที่การศึกษา</th><en>Borikan · ICT service centre of the education office</en></b:m>
    <b:m k="site.footer-note"><th>ขั้นตอนและระยะเวลาตามคู่มือการปฏิบัติงาน นับเฉพาะวันทำการ</th><en>Steps and time limits follow the work manuals; time limits count working days only.</en></b:m>
    <b:m k="nav.label"><th>เมนูหลัก</th><en>Main menu</en></b:m>
    <b:m k="nav.home"><th>หน้าแรก</th><en>Home</en></b:m>
    <b:m k="nav.catalogue"><th>บริการและกระบวนงาน</th><en>Services and processes</en></b:m>
    <b:m k="nav.skip"><th>ข้ามไปยังเนื้อหา</th><en>Skip to content</en></b:m>
    <b:m k="lang.switch"><th>English</th><en>ไทย</en></b:m>
    <b:m k="lang.switch-title"><th>View this page in English</th><en>ดูหน้านี้เป็นภาษาไทย</en></b:m>
    <b:m k="lang.other"><th>en</th><en>th</en></b:m>

    <!-- home -->
    <b:m k="home.title"><th>ศูนย์บริการ ICT</th><en>ICT service centre</en></b:m>
    <b:m k="home.lead"><th>Borikan คือศูนย์บริการเทคโนโลยีสารสนเทศและการสื่อสาร (ICT) ของสำนักงานเขตพื้นที่การศึกษา สำหรับครู บุคลากรของสถานศึกษา และเจ้าหน้าที่ของสำนักงาน</th><en>Borikan is the information and communication technology (ICT) service centre of the education office, for teachers, school staff and office staff.</en></b:m>
    <b:m k="home.what"><th>ยื่นคำขอรับบริการ เช่น แจ้งซ่อมคอมพิวเตอร์ ขอบัญชีผู้ใช้ หรือขอข้อมูล ติดตามสถานะคำขอ และอ่านคู่มือการปฏิบัติงานของแต่ละกระบวนงานพร้อมแผนผังขั้นตอนและระยะเวลาให้บริการ</th><en>Ask for a service (a computer repair, an account, data), follow your request, and read the work manual of every process with its flow chart and time limit.</en></b:m>
    <b:m k="home.cta"><th>ดูบริการและกระบวนงานทั้งหมด</th><en>See all services and processes</en></b:m>

    <!-- catalogue -->
    <b:m k="cat.title"><th>บริการและกระบวนงาน</th><en>Services and processes</en></b:m>
    <b:m k="cat.lead"><th>กระบวนงานทั้งหมดของศูนย์บริการ ICT แต่ละรายการมีคู่มือการปฏิบัติงาน แผนผังขั้นตอน แบบฟอร์ม และระยะเวลาให้บริการ</th><en>Every process of the ICT service centre, each with its work manual, flow chart, forms and time limit.</en></b:m>
    <b:m k="cat.empty"><th>ยังไม่มีกระบวนงานในหมวดนี้</th><en>No processes in this group yet.</en></b:m>
    <b:m k="cat.count"><th>{0} รายการ</th><en>{0} processes</en></b:m>
    <b:m k="cat.count-1"><th>1 รายการ</th><en>1 process</en></b:m>
    <b:m k="group.service"><th>งานบริการตามคำขอ</th><en>Service requests</en></b:m>
    <b:m k="group.programme"><th>โครงการและแผนงาน</th><en>Programmes</en></b:m>
    <b:m k="group.monitoring"><th>การติดตามและประเมินผล</th><en>Monitoring and evaluation</en></b:m>
    <b:m k="group.service.lead"><th>ผู้ขอรับบริการยื่นคำขอและติดตามผลได้ด้วยตนเอง</th><en>A requester files the request and follows it.</en></b:m>
    <b:m k="group.programme.lead"><th>กลุ่มงาน ICT ริเริ่ม ดำเนินการโดยคณะทำงาน และรายงานผู้อำนวยการ</th><en>Started by the ICT group, carried out by a working committee, reported to the director.</en></b:m>
    <b:m k="group.monitoring.lead"><th>ดำเนินการเป็นรอบ ติดตาม ตรวจสอบ และรายงานผลประจำปี</th><en>Periodic: monitor, audit and report each year.</en></b:m>
    <b:m k="badge.public"><th>ไม่ต้องมีบัญชีผู้ใช้</th><en>No account needed</en></b:m>
    <b:m k="badge.public-title"><th>ผู้ใดก็ยื่นคำขอนี้ได้โดยไม่ต้องเข้าสู่ระบบ</th><en>Anyone may file this request without signing in</en></b:m>
    <b:m k="tl.label"><th>ระยะเวลา</th><en>Time limit</en></b:m>
    <b:m k="tl.days"><th>ภายใน {0} วันทำการ</th><en>within {0} working days</en></b:m>
    <b:m k="tl.days-1"><th>ภายใน 1 วันทำการ</th><en>within 1 working day</en></b:m>
    <b:m k="tl.immediate"><th>ทันที</th><en>immediately</en></b:m>
    <b:m k="tl.explain"><th>นับเฉพาะวันทำการ ไม่รวมวันหยุดราชการ</th><en>Working days only; public holidays are not counted.</en></b:m>
    <b:m k="tl.explain-immediate"><th>ให้บริการในขณะที่ผู้ขอรับบริการรออยู่</th><en>Answered while the requester waits.</en></b:m>
    <b:m k="updated"><th>ปรับปรุงเมื่อ {0}</th><en>Updated {0}</en></b:m>

    <!-- manual -->
    <b:m k="man.kicker"><th>คู่มือการปฏิบัติงาน</th><en>Work manual</en></b:m>
    <b:m k="man.code"><th>รหัสกระบวนงาน</th><en>Process code</en></b:m>
    <b:m k="man.version"><th>ฉบับที่</th><en>Version</en></b:m>
    <b:m k="man.group"><th>หมวด</th><en>Group</en></b:m>
    <b:m k="man.source"><th>ที่มา</th><en>Source</en></b:m>
    <b:m k="man.source-manual"><th>คู่มือ {0}</th><en>manual {0}</en></b:m>
    <b:m k="man.source-section"><th>ข้อ {0}</th><en>section {0}</en></b:m>
    <b:m k="man.source-document"><th>เอกสาร {0}</th><en>document {0}</en></b:m>
    <b:m k="man.xml"><th>นิยามกระบวนงาน (XML)</th><en>definition (XML)</en></b:m>
    <b:m k="man.toc"><th>สารบัญ</th><en>Contents</en></b:m>
    <b:m k="man.back"><th>กลับไปหน้ารายการบริการ</th><en>Back to the services</en></b:m>
    <b:m k="sec.objective"><th>วัตถุประสงค์</th><en>Objective</en></b:m>
    <b:m k="sec.scope"><th>ขอบเขต</th><en>Scope</en></b:m>
    <b:m k="sec.definitions"><th>คำจำกัดความ</th><en>Definitions</en></b:m>
    <b:m k="sec.responsibilities"><th>หน้าที่ความรับผิดชอบ</th><en>Responsibilities</en></b:m>
    <b:m k="sec.steps"><th>ขั้นตอนการปฏิบัติงาน</th><en>Steps</en></b:m>
    <b:m k="sec.flowchart"><th>แผนผังขั้นตอนการปฏิบัติงาน</th><en>Flow chart</en></b:m>
    <b:m k="sec.forms"><th>แบบฟอร์มที่ใช้</th><en>Forms</en></b:m>
    <b:m k="sec.references"><th>เอกสารอ้างอิงและกฎหมายที่เกี่ยวข้อง</th><en>References</en></b:m>
    <b:m k="sec.time-limit"><th>ระยะเวลาให้บริการ</th><en>Time limit</en></b:m>
    <b:m k="man.no-definitions"><th>ไม่มีคำจำกัดความเฉพาะ</th><en>No special terms.</en></b:m>
    <b:m k="man.no-forms"><th>กระบวนงานนี้ไม่มีแบบฟอร์ม</th><en>This process has no forms.</en></b:m>
    <b:m k="man.no-references"><th>ไม่มีเอกสารอ้างอิง</th><en>No references.</en></b:m>
    <b:m k="step.actor"><th>ผู้ปฏิบัติ</th><en>Actor</en></b:m>
    <b:m k="step.kind"><th>ประเภท</th><en>Kind</en></b:m>
    <b:m k="step.days"><th>ระยะเวลา</th><en>Time</en></b:m>
    <b:m k="step.days-n"><th>{0} วันทำการ</th><en>{0} working days</en></b:m>
    <b:m k="step.days-1"><th>1 วันทำการ</th><en>1 working day</en></b:m>
    <b:m k="step.may-return"><th>ส่งคำขอกลับให้ผู้ขอรับบริการแก้ไขหรือเพิ่มเติมรายละเอียดได้</th><en>May return the request to the requester for missing details.</en></b:m>
    <b:m k="step.branches"><th>ทางเลือก</th><en>Branches</en></b:m>
    <b:m k="step.goto"><th>ไปขั้นตอน</th><en>go to</en></b:m>
    <b:m k="step.next"><th>ขั้นตอนถัดไป</th><en>Next step</en></b:m>
    <b:m k="step.when"><th>เมื่อ</th><en>when</en></b:m>
    <b:m k="step.approvers"><th>ผู้อนุมัติ</th><en>Approved by</en></b:m>
    <b:m k="step.approvers-any"><th>คนใดคนหนึ่ง</th><en>any one of them</en></b:m>
    <b:m k="step.approvers-all"><th>ทุกคน</th><en>all of them</en></b:m>
    <b:m k="step.approver-field"><th>ของหน่วยงานที่ระบุในช่อง “{0}”</th><en>of the unit named in “{0}”</en></b:m>
    <b:m k="step.notify"><th>แจ้งถึง</th><en>Notifies</en></b:m>
    <b:m k="step.memo"><th>ทะเบียนหนังสือ</th><en>Memo register</en></b:m>
    <b:m k="memo.incoming"><th>ทะเบียนหนังสือรับ</th><en>incoming memos</en></b:m>
    <b:m k="memo.outgoing"><th>ทะเบียนหนังสือส่ง</th><en>outgoing memos</en></b:m>
    <b:m k="step.end"><th>สิ้นสุดกระบวนงาน</th><en>End of the process</en></b:m>
    <b:m k="form.document"><th>เลขที่เอกสาร</th><en>Document code</en></b:m>
    <b:m k="form.step"><th>กรอกในขั้นตอน</th><en>Filled in at step</en></b:m>
    <b:m k="form.request"><th>แบบคำขอ (ผู้ขอรับบริการกรอกเมื่อยื่นคำขอ)</th><en>Request form (filled in by the requester)</en></b:m>
    <b:m k="form.col.field"><th>ช่องข้อมูล</th><en>Field</en></b:m>
    <b:m k="form.col.type"><th>ชนิด</th><en>Type</en></b:m>
    <b:m k="form.col.required"><th>จำเป็น</th><en>Required</en></b:m>
    <b:m k="form.col.constraints"><th>เงื่อนไข</th><en>Constraints</en></b:m>
    <b:m k="form.col.options"><th>ตัวเลือก</th><en>Options</en></b:m>
    <b:m k="form.yes"><th>จำเป็น</th><en>yes</en></b:m>
    <b:m k="form.no"><th>ไม่บังคับ</th><en>no</en></b:m>
    <b:m k="c.min-length"><th>อย่างน้อย {0} ตัวอักษร</th><en>at least {0} characters</en></b:m>
    <b:m k="c.max-length"><th>ไม่เกิน {0} ตัวอักษร</th><en>at most {0} characters</en></b:m>
    <b:m k="c.min"><th>ค่าต่ำสุด {0}</th><en>minimum {0}</en></b:m>
    <b:m k="c.max"><th>ค่าสูงสุด {0}</th><en>maximum {0}</en></b:m>
    <b:m k="c.pattern"><th>รูปแบบ</th><en>pattern</en></b:m>
    <b:m k="c.multiple"><th>เลือกได้หลายข้อ</th><en>several may be chosen</en></b:m>
    <b:m k="c.none"><th>–</th><en>–</en></b:m>

    <!-- flow chart -->
    <b:m k="fc.aria"><th>แผนผังขั้นตอนการปฏิบัติงาน: {0}</th><en>Flow chart: {0}</en></b:m>
    <b:m k="fc.legend"><th>คำอธิบายสัญลักษณ์</th><en>Legend</en></b:m>
    <b:m k="fc.legend.terminal"><th>เริ่มต้น / สิ้นสุด</th><en>start / end</en></b:m>
    <b:m k="fc.legend.task"><th>งานที่เจ้าหน้าที่ปฏิบัติ</th><en>task done by staff</en></b:m>
    <b:m k="fc.legend.automatic"><th>ระบบดำเนินการอัตโนมัติ</th><en>done automatically by the system</en></b:m>
    <b:m k="fc.legend.notification"><th>การแจ้งเตือน</th><en>notification</en></b:m>
    <b:m k="fc.legend.survey"><th>ประเมินความพึงพอใจ</th><en>satisfaction survey</en></b:m>
    <b:m k="fc.legend.decision"><th>พิจารณา / อนุมัติ (มีทางเลือก)</th><en>decision / approval (branches)</en></b:m>
    <b:m k="fc.hint"><th>แผนผังย่อขยายตามความกว้างของจอ รายละเอียดของแต่ละขั้นตอนอยู่ในหัวข้อขั้นตอนการปฏิบัติงาน</th><en>The chart scales to your screen; each step is described under Steps.</en></b:m>

    <!-- step kinds -->
    <b:m k="kind.start"><th>เริ่มต้น</th><en>start</en></b:m>
    <b:m k="kind.task"><th>ปฏิบัติงาน</th><en>task</en></b:m>
    <b:m k="kind.approval"><th>อนุมัติ</th><en>approval</en></b:m>
    <b:m k="kind.decision"><th>พิจารณา / ตัดสินใจ</th><en>decision</en></b:m>
    <b:m k="kind.automatic"><th>ระบบดำเนินการอัตโนมัติ</th><en>automatic</en></b:m>
    <b:m k="kind.notification"><th>แจ้งเตือน</th><en>notification</en></b:m>
    <b:m k="kind.survey"><th>ประเมินความพึงพอใจ</th><en>satisfaction survey</en></b:m>
    <b:m k="kind.end"><th>สิ้นสุด</th><en>end</en></b:m>

    <!-- field types -->
    <b:m k="type.text"><th>ข้อความ</th><en>text</en></b:m>
    <b:m k="type.textarea"><th>ข้อความหลายบรรทัด</th><en>long text</en></b:m>
    <b:m k="type.email"><th>อีเมล</th><en>e-mail</en></b:m>
    <b:m k="type.tel"><th>หมายเลขโทรศัพท์</th><en>phone number</en></b:m>
    <b:m k="type.url"><th>ที่อยู่เว็บ (URL)</th><en>web address (URL)</en></b:m>
    <b:m k="type.date"><th>วันที่</th><en>date</en></b:m>
    <b:m k="type.number"><th>ตัวเลข</th><en>number</en></b:m>
    <b:m k="type.select"><th>เลือกจากรายการ</th><en>choice from a list</en></b:m>
    <b:m k="type.radio"><th>เลือกหนึ่งข้อ</th><en>single choice</en></b:m>
    <b:m k="type.checkbox"><th>ช่องทำเครื่องหมาย</th><en>checkbox</en></b:m>
    <b:m k="type.file"><th>ไฟล์แนบ</th><en>file attachment</en></b:m>

    <!-- roles -->
    <b:m k="role.requester"><th>ผู้ขอรับบริการ</th><en>Requester</en></b:m>
    <b:m k="role.ict-officer"><th>นักวิชาการคอมพิวเตอร์</th><en>ICT officer</en></b:m>
    <b:m k="role.ict-head"><th>หัวหน้ากลุ่มงาน ICT</th><en>Head of the ICT group</en></b:m>
    <b:m k="role.department-head"><th>หัวหน้าฝ่าย</th><en>Head of department</en></b:m>
    <b:m k="role.director"><th>ผู้อำนวยการ</th><en>Director</en></b:m>
    <b:m k="role.records-office"><th>งานสารบรรณ</th><en>Records office</en></b:m>
    <b:m k="role.data-owner"><th>หน่วยงานเจ้าของข้อมูล</th><en>Data-owner unit</en></b:m>
    <b:m k="role.procurement"><th>ฝ่ายพัสดุ</th><en>Procurement</en></b:m>
    <b:m k="role.committee"><th>คณะกรรมการ</th><en>Committee</en></b:m>
    <b:m k="role.administrator"><th>ผู้ดูแลระบบ</th><en>Administrator</en></b:m>
    <b:m k="role.system"><th>ระบบ Borikan</th><en>Borikan (automatic)</en></b:m>

    <!-- errors -->
    <b:m k="err.code"><th>รหัสข้อผิดพลาด</th><en>Error code</en></b:m>
    <b:m k="err.next"><th>ทำอะไรต่อได้</th><en>What you can do</en></b:m>
    <b:m k="err.to-catalogue"><th>ไปที่หน้าบริการและกระบวนงาน</th><en>Go to the services and processes</en></b:m>
    <b:m k="err.to-home"><th>กลับหน้าแรก</th><en>Back to the home page</en></b:m>
    <b:m k="err.allow"><th>วิธีที่ใช้ได้กับที่อยู่นี้: {0}</th><en>Methods allowed here: {0}</en></b:m>
    <b:m k="err.400.title"><th>คำขอไม่ถูกต้อง</th><en>Bad request</en></b:m>
    <b:m k="err.400.text"><th>ข้อมูลที่ส่งมาไม่ครบถ้วนหรือไม่อยู่ในรูปแบบที่กำหนด</th><en>What was sent is incomplete or not in the expected form.</en></b:m>
    <b:m k="err.400.todo"><th>กลับไปตรวจสอบข้อมูลแล้วลองส่งใหม่อีกครั้ง</th><en>Go back, check what you entered and send it again.</en></b:m>
    <b:m k="err.403.title"><th>ไม่มีสิทธิ์เข้าถึงหน้านี้</th><en>Access denied</en></b:m>
    <b:m k="err.403.text"><th>บัญชีของท่านไม่มีสิทธิ์ดูหรือดำเนินการในหน้านี้</th><en>Your account may not see or do this.</en></b:m>
    <b:m k="err.403.todo"><th>หากเห็นว่าควรมีสิทธิ์ โปรดติดต่อกลุ่มงาน ICT หรือผู้ดูแลระบบ</th><en>If you think you should have access, contact the ICT group or the administrator.</en></b:m>
    <b:m k="err.404.title"><th>ไม่พบหน้าที่ต้องการ</th><en>Page not found</en></b:m>
    <b:m k="err.404.text"><th>ไม่มีหน้านี้ในระบบ หรือหน้านี้ถูกย้ายไปแล้ว</th><en>This page does not exist, or it has moved.</en></b:m>
    <b:m k="err.404.todo"><th>ตรวจสอบที่อยู่อีกครั้ง หรือค้นหาบริการจากรายการบริการและกระบวนงาน</th><en>Check the address, or find the service in the list of services and processes.</en></b:m>
    <b:m k="err.405.title"><th>ไม่รองรับวิธีการเรียกนี้</th><en>Method not allowed</en></b:m>
    <b:m k="err.405.text"><th>ที่อยู่นี้ไม่รองรับวิธีการส่งคำขอแบบที่ใช้</th><en>This address does not accept this kind of request.</en></b:m>
    <b:m k="err.405.todo"><th>เปิดหน้าจากลิงก์หรือแบบฟอร์มในระบบแทนการเรียกโดยตรง</th><en>Open the page from a link or form in Borikan instead.</en></b:m>
    <b:m k="err.413.title"><th>ข้อมูลที่ส่งมีขนาดใหญ่เกินไป</th><en>Request too large</en></b:m>
    <b:m k="err.413.text"><th>ข้อมูลหรือไฟล์แนบที่ส่งมามีขนาดเกินกว่าที่ระบบรับได้</th><en>The data or the attached file is larger than Borikan accepts.</en></b:m>
    <b:m k="err.413.todo"><th>ลดขนาดไฟล์หรือแบ่งส่งหลายครั้ง แล้วลองใหม่</th><en>Make the file smaller or send it in parts, then try again.</en></b:m>
    <b:m k="err.429.title"><th>มีคำขอมากเกินไป</th><en>Too many requests</en></b:m>
    <b:m k="err.429.text"><th>มีการส่งคำขอจากท่านถี่เกินไปในช่วงเวลาสั้น ๆ</th><en>Too many requests came from you in a short time.</en></b:m>
    <b:m k="err.429.todo"><th>รอสักครู่แล้วลองใหม่อีกครั้ง</th><en>Wait a moment and try again.</en></b:m>
    <b:m k="err.500.title"><th>ระบบขัดข้อง</th><en>Something went wrong</en></b:m>
    <b:m k="err.500.text"><th>เกิดข้อผิดพลาดภายในระบบ คำขอของท่านยังไม่ได้รับการดำเนินการ</th><en>An internal error occurred; your request was not carried out.</en></b:m>
    <b:m k="err.500.todo"><th>ลองใหม่อีกครั้งในภายหลัง หากยังพบปัญหา โปรดแจ้งกลุ่มงาน ICT</th><en>Try again later; if it keeps happening, tell the ICT group.</en></b:m>
    <b:m k="err.503.title"><th>ระบบไม่พร้อมให้บริการชั่วคราว</th><en>Service temporarily unavailable</en></b:m>
    <b:m k="err.503.text"><th>ระบบกำลังปรับปรุงหรือมีผู้ใช้งานจำนวนมาก</th><en>Borikan is under maintenance or very busy.</en></b:m>
    <b:m k="err.503.todo"><th>โปรดลองใหม่อีกครั้งในอีกสักครู่</th><en>Please try again in a few minutes.</en></b:m>
    <b:m k="err.other.title"><th>เกิดข้อผิดพลาด</th><en>Error</en></b:m>
    <b:m k="err.other.text"><th>ไม่สามารถดำเนินการตามคำขอได้</th><en>The request could not be carried out.</en></b:m>
    <b:m k="err.other.todo"><th>ลองใหม่อีกครั้ง หรือกลับไปที่หน้าบริการและกระบวนงาน</th><en>Try again, or go back to the services and processes.</en></b:m>
  </xsl:variable>
</xsl:stylesheet>
