-- Reserved for the audit trail (issue 4).
SELECT 1;
