-- request_group_queue (012) serves every part of the group queue; the narrower indexes of
-- 003 (by process and step), 010 and 011 are read by no query any more: fewer indexes make
-- writes and query plans cheaper.
ALTER TABLE request
    DROP KEY request_unassigned,
    DROP KEY request_actor_unit_queue,
    DROP KEY request_queue;
