import { createRequire } from 'node:module';
import type nlpType from 'compromise';

// compromise ships an English lexicon (≈25k words, tagged) inside its npm package: first and last names,
// cities, regions, countries, organisations. Its full tagger costs ≈8 ms per 2,000 characters, above the
// guardrail budget, so the NER recognizer reads this lexicon directly and applies its own cheap rules.

export interface Gazetteer {
  firstNames: ReadonlySet<string>;
  lastNames: ReadonlySet<string>;
  /** Well-known full names ("barack obama") and ambiguous given names compromise tags Person ("jordan"). */
  people: ReadonlySet<string>;
  places: ReadonlySet<string>;
  organizations: ReadonlySet<string>;
  honorifics: ReadonlySet<string>;
  /** Words that end an organisation's name ("bank", "university", "inc"). */
  orgWords: ReadonlySet<string>;
  /** Words that end a place's name ("bay", "county", "river"). */
  placeWords: ReadonlySet<string>;
  /** Month and weekday names: capitalised, yet dates rather than names. */
  calendar: ReadonlySet<string>;
  /** Every other lexicon word: a capitalised one at a sentence start is most likely just that word. */
  common: ReadonlySet<string>;
}

let cached: Gazetteer | undefined;

const extraHonorifics = ['mr', 'mrs', 'ms', 'mx', 'miss', 'dr', 'prof', 'sir', 'dame', 'madam', 'lord', 'lady', 'rev', 'fr', 'sr', 'sra', 'herr', 'frau', 'mme', 'mlle'];

export function gazetteer(): Gazetteer {
  if (cached) return cached;
  // Loaded on first use, not at import: compromise costs ~0.5 s of start-up that every CLI call would pay.
  const nlp = createRequire(import.meta.url)('compromise') as typeof nlpType;
  const world = nlp.world() as unknown as {
    model: { one: { lexicon: Record<string, string | string[]> }; two: { orgWords: Record<string, unknown>; placeWords: Record<string, unknown> } };
  };
  const sets = {
    firstNames: new Set<string>(), lastNames: new Set<string>(), people: new Set<string>(), places: new Set<string>(),
    organizations: new Set<string>(), honorifics: new Set<string>(extraHonorifics), calendar: new Set<string>(), common: new Set<string>(),
  };
  for (const [word, tagOrTags] of Object.entries(world.model.one.lexicon)) {
    const tags = Array.isArray(tagOrTags) ? tagOrTags : [tagOrTags];
    const has = (tag: string): boolean => tags.includes(tag);
    if (has('MaleName') || has('FemaleName') || has('FirstName')) sets.firstNames.add(word);
    else if (has('LastName')) sets.lastNames.add(word);
    else if (has('Person')) sets.people.add(word);
    else if (has('City') || has('Country') || has('Region') || (has('Place') && word.length > 4)) sets.places.add(word);
    else if (has('Organization') || has('SportsTeam')) sets.organizations.add(word);
    else if (has('Honorific')) sets.honorifics.add(word);
    else if (has('Month') || has('WeekDay')) sets.calendar.add(word);
    else sets.common.add(word);
  }
  for (const month of ['may', 'march', 'june', 'july', 'august']) sets.calendar.add(month);
  cached = {
    ...sets,
    orgWords: new Set(Object.keys(world.model.two.orgWords)),
    placeWords: new Set(Object.keys(world.model.two.placeWords)),
  };
  return cached;
}
