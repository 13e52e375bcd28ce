-- Time limits in working days: the holiday calendar and the clock of each request.
--
-- A working day is Monday to Friday in Thailand (UTC+7) that is not in `holiday`.
-- A holiday is either one date (lunar holidays, substitution days, days the cabinet adds)
-- or, with recurring = 1, the same month and day every year from the year of `day` on
-- (fixed-date holidays). A recurring holiday that falls on a weekend gets no automatic
-- substitution day: the government announces those, and they are added as one-off dates.
CREATE TABLE holiday (
    id          INT          NOT NULL AUTO_INCREMENT,
    day         DATE         NOT NULL,
    name_th     VARCHAR(200) NOT NULL,
    name_en     VARCHAR(200) NOT NULL,
    recurring   TINYINT(1)   NOT NULL DEFAULT 0,
    created_at  DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    UNIQUE KEY holiday_day (day),
    KEY holiday_recurring (recurring, day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The government (ราชการ) holidays of B.E. 2569 (2026).
--
-- Sources (looked up 2026-11):
--  * The 2569 holiday calendar of Thairath Online,
--    https://www.thairath.co.th/lifestyle/calendar/2857168 and Kapook,
--    https://hilight.kapook.com/view/251071 (วันหยุดราชการ 2569: 1-2 ม.ค., มาฆบูชา 3 มี.ค.,
--    จักรี 6 เม.ย., สงกรานต์ 13-15 เม.ย., ...).
--  * The extra holiday of Friday 2 January 2569: cabinet resolution of 12 Nov 2024,
--    confirmed by the Secretariat of the Cabinet (สลค.), https://lionnews.co/archives/10176
--    and https://mgronline.com/uptodate/detail/9680000106109 (6 Nov 2025). The further
--    extra days proposed for 2569 were withdrawn by the cabinet on 2 Dec 2025
--    (https://thethaiger.com/th/news/1495909/): none are added here.
--  * Lunar holidays of 2026, an athikamat year (double eighth month; Makha Bucha on the full
--    moon of month 4): Makha Bucha 3 Mar, Visakha Bucha 31 May, Asarnha Bucha 29 Jul,
--    Khao Phansa 30 Jul — date-holidays data/countries/TH.yaml
--    (https://github.com/commenthol/date-holidays) and the thai_holidays package
--    (https://pub.dev/packages/thai_holidays), which also gives the Royal Ploughing
--    Ceremony of 13 May 2026 (a government-only holiday).
--  * Substitution days: a holiday on a Saturday or Sunday is followed by a substitution
--    day on the next working day (cabinet resolution of 2001): Visakha Bucha (Sun 31 May)
--    -> Mon 1 Jun; Father's Day (Sat 5 Dec) -> Mon 7 Dec.
--  National Labour Day (1 May) is a holiday of the private sector and the banks, not of
--  government offices, so it is not listed.
INSERT INTO holiday (day, name_th, name_en, recurring) VALUES
    ('2026-01-01', 'วันขึ้นปีใหม่', 'New Year''s Day', 1),
    ('2026-04-06', 'วันจักรี', 'Chakri Memorial Day', 1),
    ('2026-04-13', 'วันสงกรานต์', 'Songkran Festival', 1),
    ('2026-04-14', 'วันสงกรานต์', 'Songkran Festival', 1),
    ('2026-04-15', 'วันสงกรานต์', 'Songkran Festival', 1),
    ('2026-05-04', 'วันฉัตรมงคล', 'Coronation Day', 1),
    ('2026-06-03', 'วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าสุทิดา พัชรสุธาพิมลลักษณ พระบรมราชินี',
        'H.M. Queen Suthida''s Birthday', 1),
    ('2026-07-28', 'วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระวชิรเกล้าเจ้าอยู่หัว',
        'H.M. King Maha Vajiralongkorn''s Birthday', 1),
    ('2026-08-12', 'วันเฉลิมพระชนมพรรษาสมเด็จพระบรมราชชนนีพันปีหลวง และวันแม่แห่งชาติ',
        'H.M. Queen Sirikit The Queen Mother''s Birthday and National Mother''s Day', 1),
    ('2026-10-13', 'วันนวมินทรมหาราช', 'King Bhumibol Adulyadej Memorial Day', 1),
    ('2026-10-23', 'วันปิยมหาราช', 'King Chulalongkorn Memorial Day', 1),
    ('2026-12-05', 'วันคล้ายวันพระบรมราชสมภพ รัชกาลที่ 9 วันชาติ และวันพ่อแห่งชาติ',
        'King Bhumibol Adulyadej''s Birthday, National Day and National Father''s Day', 1),
    ('2026-12-10', 'วันรัฐธรรมนูญ', 'Constitution Day', 1),
    ('2026-12-31', 'วันสิ้นปี', 'New Year''s Eve', 1),
    ('2026-01-02', 'วันหยุดราชการเพิ่มเป็นกรณีพิเศษ', 'Special government holiday', 0),
    ('2026-03-03', 'วันมาฆบูชา', 'Makha Bucha Day', 0),
    ('2026-05-13', 'วันพระราชพิธีพืชมงคลจรดพระนังคัลแรกนาขวัญ', 'Royal Ploughing Ceremony Day', 0),
    ('2026-05-31', 'วันวิสาขบูชา', 'Visakha Bucha Day', 0),
    ('2026-06-01', 'วันหยุดชดเชยวันวิสาขบูชา', 'Substitution for Visakha Bucha Day', 0),
    ('2026-07-29', 'วันอาสาฬหบูชา', 'Asarnha Bucha Day', 0),
    ('2026-07-30', 'วันเข้าพรรษา', 'Buddhist Lent Day', 0),
    ('2026-12-07', 'วันหยุดชดเชยวันพ่อแห่งชาติ', 'Substitution for National Father''s Day', 0);

-- The clock of a request. due_at is the last working day of the time limit (NULL: the
-- process has no clock, e.g. an immediate answer); sla_days the limit it was started with.
-- While the request waits for its requester (status 'returned') the clock stops at
-- paused_at; on resubmission due_at moves by the working days spent paused, which add up
-- in paused_days. warned_at and overdue_at say when the 75 % warning and the overdue
-- notice were recorded, so each is recorded once.
ALTER TABLE request
    ADD COLUMN due_at      DATE        NULL,
    ADD COLUMN sla_days    INT         NULL,
    ADD COLUMN paused_at   DATETIME(6) NULL,
    ADD COLUMN paused_days INT         NOT NULL DEFAULT 0,
    ADD COLUMN warned_at   DATETIME(6) NULL,
    ADD COLUMN overdue_at  DATETIME(6) NULL,
    ADD KEY request_due (status, due_at);
