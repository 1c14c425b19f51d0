-- Reserved for guardrails: the pseudonym vault (issue 4).
SELECT 1;
