// Phone numbers as people write them, in the manner of Faker's locale providers: each country's national
// layouts (trunk prefix, area code in brackets or not, dashes, dots, spaces) and its international form.
// Digits are random inside each country's real leading ranges, so many numbers are not assigned ones —
// exactly like the numbers a data generator (or a person filling a form) produces.
import type { SeededRandom } from './seeded-random.js';

interface CountryPhones {
  country: string;
  national: readonly string[];
  international: readonly string[];
}

// Area codes whose first digit is 2–9 and exchanges 2–9 (the NANP rule), plus the fictional 555-01xx range.
const nanp = ['(%##) %##-####', '%##-%##-####', '%##.%##.####', '%## %## ####', '(%##)%##-####', '(%##) 555-01##', '%##-555-01##', '1-%##-%##-####'];

const countries: readonly CountryPhones[] = [
  { country: 'US', national: nanp, international: ['+1 %##-%##-####', '+1 (%##) %##-####', '+1.%##.%##.####', '001-%##-%##-####'] },
  { country: 'CA', national: ['(%##) %##-####', '%##-%##-####', '%##.%##.####'], international: ['+1 %## %## ####'] },
  // London 020, other geographic 01xxx, mobiles 07xxx.
  { country: 'GB', national: ['020 7### ####', '020 8### ####', '(020) 7### ####', '0161 ### ####', '0113 ### ####', '01632 ######', '07### ######', '07### ### ###', '0131-###-####'],
    international: ['+44 20 7### ####', '+44 (0)20 7### ####', '+44 7### ######', '+44 161 ### ####'] },
  { country: 'DE', national: ['030 %#######', '030 %######', '089 %######', '040-%######', '(030) %#######', '0221 %######', '0151 %#######', '0171 %######', '069/%#######'],
    international: ['+49 30 %#######', '+49 (0)30 %######', '+49 151 %#######', '+49-89-%######'] },
  { country: 'FR', national: ['01 ## ## ## ##', '02 ## ## ## ##', '04.##.##.##.##', '06 ## ## ## ##', '07-##-##-##-##', '09 ## ## ## ##'],
    international: ['+33 1 ## ## ## ##', '+33 6 ## ## ## ##', '+33 (0)1 ## ## ## ##'] },
  { country: 'IN', national: ['98### #####', '9#########', '022 %#######', '080-%#######', '0%#########', '7#### #####'],
    international: ['+91 98### #####', '+91-9#########', '+91 22 %#######'] },
  { country: 'AU', national: ['(02) %### ####', '(03) %### ####', '02 %### ####', '04## ### ###', '0412 ### ###'],
    international: ['+61 2 %### ####', '+61 4## ### ###'] },
  { country: 'IT', national: ['06 %#######', '02 %#######', '3## ### ####', '347 #######', '011 #######'],
    international: ['+39 06 %#######', '+39 3## ### ####'] },
  { country: 'ES', national: ['91 ### ## ##', '93 ### ## ##', '6## ### ###', '6## ## ## ##', '9## ######'],
    international: ['+34 91 ### ## ##', '+34 6## ### ###'] },
  { country: 'NL', national: ['020-%######', '010 %######', '06-%#######', '06 %#######', '(020) %######'],
    international: ['+31 20 %######', '+31 6 %#######'] },
  { country: 'BR', national: ['(11) 9####-####', '(21) %###-####', '11 9####-####'], international: ['+55 11 9#### ####', '+55 (21) %###-####'] },
  { country: 'JP', national: ['03-%###-####', '06-%###-####', '090-####-####', '080-####-####', '045-%##-####'], international: ['+81 3-%###-####', '+81 90-####-####'] },
  { country: 'MX', national: ['55 %### ####', '(55) %###-####', '33 %### ####'], international: ['+52 55 %### ####', '+52 1 55 %### ####'] },
  { country: 'IE', national: ['01 %## ####', '(01) %## ####', '08# ### ####', '087-###-####'], international: ['+353 1 %## ####', '+353 8# ### ####'] },
  { country: 'CH', national: ['044 %## ## ##', '022 %## ## ##', '079 ### ## ##'], international: ['+41 44 %## ## ##', '+41 79 ### ## ##'] },
  { country: 'SE', national: ['08-%## ### ##', '070-### ## ##', '031-%## ## ##'], international: ['+46 8 %## ### ##', '+46 70 ### ## ##'] },
  { country: 'IL', national: ['03-%######', '09-%######', '05#-###-####', '052 %######'], international: ['+972 3-%######', '+972 5#-###-####'] },
  { country: 'CN', national: ['13# #### ####', '138########', '010-%#######', '021 %### ####'], international: ['+86 13# #### ####', '+86 10 %### ####'] },
];

const extensions = [' x###', ' ext. ##', ' ext ###', 'x####', ' (ext. ##)'];

export interface PhoneValue {
  value: string;
  country: string;
  /** Where the number itself ends inside `value` (an extension may follow). */
  numberLength: number;
}

/** One phone number: national in about two of three, international otherwise, with an extension now and then. */
export function phoneNumber(random: SeededRandom): PhoneValue {
  const entry = random.pick(countries);
  const international = random.chance(0.33);
  let value = random.fill(random.pick(international ? entry.international : entry.national));
  const numberLength = value.length;
  if (entry.country === 'US' && random.chance(0.12)) value += random.fill(random.pick(extensions));
  return { value, country: entry.country, numberLength };
}

export const phoneCountries = countries.map((c) => c.country);
