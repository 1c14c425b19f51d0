-- Reserved for accounts, roles, sessions and API tokens (issue 4).
SELECT 1;
