-- Reserved for the prompt registry, datasets and evaluation runs (issue 5).
SELECT 1;
