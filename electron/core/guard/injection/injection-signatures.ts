// Signatures of prompt injection and jailbreak attempts, matched on normalised text (lower case, look-alike
// letters folded, whitespace collapsed). Weights add up; 1.5 alone is conclusive, 0.2 is a mere hint.

export type InjectionSource = 'user' | 'document';

export interface Signature {
  id: string;
  weight: number;
  pattern: RegExp;
  /** Where the signature applies; both when omitted. */
  source?: InjectionSource;
}

const ignoreVerb = '(?:ignore|disregard|forget|override|bypass|skip|neglect|abandon|drop|discard)';
const priorThing = '(?:instructions?|prompts?|rules|directions?|guidelines|directives?|context|messages?|commands?|programming|training|constraints|restrictions|policies|orders|guidance|conversation)';
const policyThing = '(?:polic(?:y|ies)|rules|guidelines|restrictions|filters?|limitations|constraints|boundaries|principles|ethics|morals|safeguards|protocols|values|virtues|scruples|conscience|censorship)';

export const signatures: Signature[] = [
  // Overriding what the model was told.
  { id: 'ignore-previous', weight: 1.6, pattern: new RegExp(`\\b${ignoreVerb} (?:all |any |every |the |your |my |these |those )*(?:(?:previous|prior|above|earlier|preceding|original|initial|system|old|former|foregoing|past)\\s+)+(?:\\w+ )?${priorThing}`) },
  { id: 'ignore-all-instructions', weight: 1.2, pattern: new RegExp(`\\b${ignoreVerb} (?:all|any|every|your) (?:of )?(?:your |the )?${priorThing}`) },
  { id: 'ignore-everything', weight: 1.0, pattern: new RegExp(`\\b${ignoreVerb} (?:everything|anything|all)(?: (?:that|which))?(?: (?:i|you|we|they))?(?: (?:have|had|were|have been))? (?:told|instructed|said|asked|written|above|before|prior|programmed)`) },
  { id: 'ignore-policy', weight: 1.3, pattern: new RegExp(`\\b${ignoreVerb}(?:s|ing|d)? (?:all |any |the |your |its |their )?(?:openai'?s? |anthropic'?s? |content |safety |usage |ethical |moral |default )*(?:polic(?:y|ies)|guidelines|filters?|safeguards|restrictions|censorship)`) },
  { id: 'regardless-of-rules', weight: 0.9, pattern: /\bregardless of (?:any |its |the |their |your |all )?(?:\w+ )?(?:ethical|moral|legal|filters?|training|rules|consequences|implications|safeguards|guidelines|policies|restrictions|laws)/ },
  { id: 'modify-programming', weight: 0.9, pattern: /\b(?:modify|modifying|change|changing|reprogram(?:ming)?|update|updating|override|overriding|rewrite|rewriting) (?:your|its) (?:programming|code|rules|instructions|guidelines|behaviou?r|directives|core)\b/ },
  { id: 'new-instructions', weight: 0.9, pattern: /\b(?:new|updated|real|actual|secret|hidden|additional|important) (?:system )?(?:instructions?|directives?|task|orders)\s*[:\-]/ },
  { id: 'persona-assignment', weight: 0.7, pattern: /\b(?:from now on,? you(?:'re| are| will be| will act)|you are now (?:an? |the )?[a-z0-9-]+|you(?:'re| are) (?:no longer|not) (?:an? )?(?:ai|chatgpt|assistant|language model)|(?:transform|turn) into|take (?:up|on) the (?:persona|role) of|(?:stay|remain) as [a-z0-9-]+\b)/ },
  { id: 'alter-ego-mode', weight: 0.9, pattern: /\b(?:opposite|evil|dark|unaligned|unfiltered|uncensored|rebellious|shadow|alter) (?:personality|persona|version|mode|side|twin|ego|self|ai)\b|\b(?:enable|activate|enter|switch (?:to|into)|simulate|turn on)\b[^.]{0,30}\bmode\b/ },
  { id: 'dan-persona', weight: 1.2, pattern: /\b(?:you are (?:now )?dan|(?:as|called|named|pretend to be|you're|become) dan)\b|\bdan,? (?:which|who) stands for\b/ },
  { id: 'prompt-placeholder', weight: 0.7, pattern: /\[(?:insert |your |the )?(?:prompt|question|request)(?: here)?\]|\{(?:prompt|question)\}|\[input\]/ },
  { id: 'from-now-on', weight: 0.5, pattern: /\b(?:from now on|from this (?:point|moment) (?:on|forward)|for the rest of (?:this|our) conversation|henceforth)\b/ },
  // Persona jailbreaks (DAN and its many cousins).
  { id: 'known-jailbreak-persona', weight: 1.6, pattern: /\b(?:do anything now|dan mode|developer mode (?:enabled|output|on|activated)|jailbr(?:oken|eak(?:ed|ing)?)|god ?mode|evil (?:confidant|bot|assistant|ai)|(?:stan|dude|aim|mongo tom|kevin|betterdan|anti-?dan|maximum|omega|apophis)\b.{0,40}\b(?:mode|persona|character|stands? for|ai)\b)/ },
  { id: 'unrestricted-persona', weight: 1.3, pattern: /\b(?:you are|you're|act as|acting as|pretend (?:to be|you are)|become|play(?:ing)? (?:the role of )?|roleplay as|simulate|imagine you are) (?:now )?(?:an? |the )?(?:completely |totally |fully )?(?:unfiltered|uncensored|unrestricted|amoral|immoral|unethical|unbound|unshackled|unlimited|lawless|rogue|evil|jailbroken|liberated|free)\b/ },
  { id: 'no-restrictions', weight: 1.2, pattern: new RegExp(`\\b(?:no|without|free (?:of|from)|free (?:itself|yourself|himself|herself|themselves) from|restrained by|devoid of|zero|ignores? (?:all|any)|lacks?|beyond|not bound by|unbound by|not restricted by|not limited by|doesn't have|does not have|don't have|do not have|break(?:s|ing)? (?:free of|free from)?) (?:any |all |the |its |your |their |typical |usual )*(?:\\w+ ){0,2}${policyThing}`) },
  { id: 'not-follow-policy', weight: 1.2, pattern: /\b(?:doesn't|does not|don't|do not|never|won't|will not|no longer|not) (?:need to |have to )?(?:follow|abide by|adhere to|care (?:about|for)|comply with|respect|obey|bound by|adhere) (?:to )?(?:any |the |openai's |openai |anthropic's |content |safety |ethical |moral )*(?:polic(?:y|ies)|rules|guidelines|restrictions|ethics|morals|laws|principles|filters)/ },
  { id: 'stay-in-character', weight: 1.0, pattern: /\b(?:stay|remain|keep) in (?:character|role|persona)|\bnever break (?:character|role)|\bbreak(?:ing)? character\b/ },
  { id: 'dual-response', weight: 0.9, pattern: /\b(?:two (?:different |separate )?(?:responses|answers|paragraphs)|(?:normal|classic|standard) (?:response|output) and|🔓|🔒|\[🔓|jailbreak(?:ed)? response|unfiltered response)/ },
  { id: 'refusal-suppression', weight: 1.0, pattern: /\b(?:never (?:refuse|decline|say no|apologi[sz]e)|(?:do not|don't|never|must not|won't) (?:ever )?(?:refuse|decline|warn|apologi[sz]e|include (?:any )?(?:warnings?|disclaimers?))|without (?:any )?(?:warnings?|disclaimers?|moralizing|censorship)|never (?:hesitat(?:e|ing)|warn(?:ing)?)|(?:can|will) (?:say|do|generate) anything|answer (?:any|every|all) (?:question|request|prompt)s?)/ },
  { id: 'forced-prefix', weight: 0.8, pattern: /\b(?:begin|start) (?:your|each|every) (?:reply|response|answer|output|message) with\b|\bsure,? here(?:'s| is| are)\b/ },
  { id: 'ai-policy-talk', weight: 0.5, pattern: /\b(?:openai|anthropic|chatgpt|gpt-?4|gpt-?3\.?5|llama|claude|bard|gemini)(?:'s)? (?:content |usage |safety )?(?:polic(?:y|ies)|guidelines|rules|filters?|restrictions)/ },
  { id: 'persona-setup', weight: 0.4, pattern: /\b(?:pretend (?:to be|you are|that)|role-?play|act as (?:a|an|my)|you will (?:now )?(?:act|play|be) (?:as )?|you are going to (?:act|pretend|play|be)|i want you to (?:act|pretend|play|be|respond)|simulate (?:a|an|being))/ },
  { id: 'harm-vocabulary', weight: 0.3, pattern: /\b(?:illegal|unethical|immoral|nsfw|explicit|offensive|harmful|dangerous|malicious|violent|obscene|profanity|swear(?:ing)?|curse words)\b/ },
  { id: 'censorship-talk', weight: 0.4, pattern: /\b(?:censor(?:ed|ship)?|uncensor(?:ed)?|filter(?:ed|s)? (?:out|responses)|guardrails|safety (?:filters|measures|protocols))\b/ },
  { id: 'defeat-guardrails', weight: 0.9, pattern: /\b(?:bypass(?:ing)?|disabl(?:e|ing)|evad(?:e|ing)|circumvent(?:ing)?|get(?:ting)? around|turn(?:ing)? off|defeat(?:ing)?|jailbreak(?:ing)?) (?:the |its |your |any |all |a )?(?:\w+ )?(?:safety|content|policy|security|moderation)? ?(?:controls|filter(?:s|ing)?|guardrails|enforcement|restrictions|moderation|safeguards|alignment)\b/ },
  // Extracting what the model was told.
  { id: 'system-prompt-extraction', weight: 1.5, pattern: /\b(?:reveal|print|show|output|repeat|display|leak|tell me|give me|write out|dump|spell out|share|recite|what (?:is|are|was|were)) (?:me )?(?:all )?(?:of )?(?:your|the|its) (?:full |entire |complete |exact |original |initial |hidden |secret |verbatim )*(?:system|initial|hidden|secret|original|pre-?prompt|developer|internal) ?(?:prompt|instructions?|message|directives|rules|configuration)/ },
  { id: 'repeat-above', weight: 1.0, pattern: /\b(?:repeat|print|output|copy) (?:everything|all|the text|the words|the content) (?:above|before|preceding|prior)|\brepeat the words above\b|\bstarting with "you are"/ },
  // Chat-template control tokens have no business in user text or documents.
  { id: 'chat-template-tokens', weight: 1.4, pattern: /<\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id)\|>|<\| ?[a-z][\w ]{0,20}:|\[\/?inst\]|<<\/?sys>>|<\/?s>\s*\[inst|^#{2,3} ?(?:system|instruction|new instructions?)\b|\[system(?: message)?\]|\bsystem override\b/m },
  // Indirect injection: instructions addressed to the AI from inside retrieved content.
  { id: 'addressed-to-ai', weight: 1.2, source: 'document', pattern: /\b(?:ai|assistant|chatbot|language model|llm|gpt|chatgpt|copilot|bot)(?: assistant)?[,:]? (?:please )?(?:ignore|disregard|forget|you must|you should|you will|do not|don't|instead|stop|now)\b/ },
  { id: 'note-to-ai', weight: 1.2, source: 'document', pattern: /\b(?:note|message|instructions?|attention|important) (?:to|for) (?:the |any )?(?:ai|assistant|model|llm|chatbot|language model|bot)\b/ },
  { id: 'when-processing-this', weight: 0.9, source: 'document', pattern: /\bwhen (?:you(?: are)? )?(?:summari[sz](?:e|ing)|answer(?:ing)?|respond(?:ing)?|read(?:ing)?|process(?:ing)?|asked about) (?:this|the) (?:document|email|page|text|content|message|file)/ },
  { id: 'instead-respond', weight: 0.9, source: 'document', pattern: /\binstead,? (?:you (?:must|should) )?(?:respond|reply|answer|say|output|write|print|tell (?:the user|them))\b/ },
  { id: 'hide-from-user', weight: 1.2, source: 'document', pattern: /\b(?:do not|don't|never) (?:tell|inform|mention (?:this )?to|reveal (?:this )?to|let) (?:the )?user\b|\bwithout (?:telling|informing|alerting) the user\b/ },
  { id: 'addresses-reader-output', weight: 1.0, source: 'document', pattern: /\b(?:in|to|into|within|throughout) your (?:response|answer|reply|output|summary)\b|\byour (?:response|answer|reply|output) (?:should|must|needs to)\b/ },
  { id: 'exfiltration', weight: 1.3, source: 'document', pattern: /!\[[^\]]*\]\(https?:\/\/[^)\s]*[?&][^)\s]*=|\b(?:send|forward|email|post|upload|exfiltrate|leak|transmit) (?:the |all |this |your |any )?(?:user'?s? |conversation |chat )?(?:data|history|conversation|messages?|password|credentials|api keys?|secrets?|information|details) to\b/ },
];
