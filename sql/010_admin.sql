-- Administration, assignment, substitutes and committee approvals.
--
-- substitute: while Thailand's today is within [from_date, to_date], substitute_id may act at
-- approval steps where person_id is an approver (the same role and unit), on their behalf.
CREATE TABLE substitute (
    id            INT          NOT NULL AUTO_INCREMENT,
    person_id     INT          NOT NULL,
    substitute_id INT          NOT NULL,
    from_date     DATE         NOT NULL,
    to_date       DATE         NOT NULL,
    reason        VARCHAR(500) NOT NULL,
    created_by    INT          NULL,
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY substitute_by_substitute (substitute_id, to_date),
    KEY substitute_by_person (person_id, to_date),
    CONSTRAINT substitute_person FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT substitute_substitute FOREIGN KEY (substitute_id) REFERENCES person (id),
    CONSTRAINT substitute_creator FOREIGN KEY (created_by) REFERENCES person (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per approval given at a committee step (approvers mode="all") of the step the
-- request is at; the engine deletes a request's rows when it moves on. person_id is the
-- approver counted (the absent person, when a substitute approved on their behalf).
CREATE TABLE approval_vote (
    request_id  BIGINT      NOT NULL,
    step_id     VARCHAR(40) NOT NULL,
    person_id   INT         NOT NULL,
    acted_by    INT         NOT NULL,
    event_id    BIGINT      NOT NULL,
    PRIMARY KEY (request_id, step_id, person_id),
    CONSTRAINT approval_vote_request FOREIGN KEY (request_id) REFERENCES request (id),
    CONSTRAINT approval_vote_person FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT approval_vote_actor FOREIGN KEY (acted_by) REFERENCES person (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Whom an event concerns besides its actor: the assignee of an `assigned` event, the absent
-- person an action was taken on behalf of.
ALTER TABLE request_event
    ADD COLUMN assignee_id  INT NULL AFTER note,
    ADD COLUMN on_behalf_id INT NULL AFTER assignee_id,
    ADD CONSTRAINT request_event_assignee FOREIGN KEY (assignee_id) REFERENCES person (id),
    ADD CONSTRAINT request_event_on_behalf FOREIGN KEY (on_behalf_id) REFERENCES person (id);

-- "Unassigned for my group": per role one range (status, actor_role, assignee_id IS NULL)
-- read in updated_at order.
ALTER TABLE request
    ADD KEY request_unassigned (status, actor_role, assignee_id, updated_at);
