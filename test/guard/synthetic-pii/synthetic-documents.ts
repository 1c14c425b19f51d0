// A seeded synthetic PII set in the style of presidio-research's data generator: sentence templates with
// {{placeholders}} filled by Faker-like value generators, each planted value's span recorded. The
// templates are our own. About one sentence in four holds no phone, card or IBAN but numbers that must
// stay (dates, order numbers, versions, amounts, times), so that precision means something.
import { cardNumber, ibanNumber } from './payment-values.js';
import { phoneNumber } from './phone-values.js';
import { SeededRandom } from './seeded-random.js';

export type PlantedType = 'PHONE_NUMBER' | 'CREDIT_CARD' | 'IBAN_CODE';

export interface PlantedSpan {
  type: PlantedType;
  start: number;
  end: number;
  /** Where the value proper ends (a phone extension may follow it up to `end`). */
  coreEnd: number;
  detail: string;
}

export interface SyntheticSentence {
  text: string;
  spans: PlantedSpan[];
}

const templates: readonly string[] = [
  'My phone number is {{phone}}.',
  'Phone: {{phone}}',
  'Phone: {{phone}} | Email: {{email}}',
  'Please call {{person}} at {{phone}} before noon.',
  'You can reach me on {{phone}} most evenings.',
  'Tel. {{phone}}, fax {{phone}}',
  'Mobile: {{phone}}',
  'Call me back on {{phone}} when you land in {{city}}.',
  '{{person}}\n{{street}}\n{{city}}\nTel: {{phone}}',
  'Contact {{person}} ({{phone}}) about the delivery.',
  'Update my contact number to {{phone}}, the old one is disconnected.',
  'Cell {{phone}}; office {{phone}}.',
  'If the line is busy, dial {{phone}} instead.',
  'For emergencies ring {{phone}} (24/7).',
  '{{person}}, {{phone}}, {{email}}',
  'WhatsApp {{phone}} or text {{phone}}.',
  'Hi, this is {{person}}. My number changed to {{phone}}.',
  'The hotline {{phone}} is open on weekdays.',
  'My card number is {{card}}.',
  'Please charge {{card}} for the remaining balance.',
  'Card: {{card}} exp {{expiry}}',
  'I paid with my {{network}} card {{card}} on {{date}}.',
  'The refund goes back to the card ending in the number {{card}}.',
  'Credit card {{card}}, CVV {{cvv}}, holder {{person}}.',
  '{{person}} used {{card}} to book the flight to {{city}}.',
  'Replace the blocked card {{card}} with a new one.',
  'Wire it to IBAN {{iban}}, reference {{order}}.',
  'My IBAN is {{iban}}.',
  'Account: {{iban}} ({{person}})',
  'Please transfer the deposit to {{iban}} by {{date}}.',
  'The salary account changed to {{iban}}.',
  'Bank details for {{person}}: {{iban}}, {{city}}.',
  'iban {{iban}}',
  'Send {{amount}} to {{iban}} and call {{phone}} to confirm.',
  'Name: {{person}}; card: {{card}}; phone: {{phone}}',
];

// Sentences whose numbers are not personal data: none of them may be reported as a phone, card or IBAN.
const distractors: readonly string[] = [
  'Order number {{order}} shipped on {{date}} and should arrive by {{date}}.',
  'Invoice {{invoice}} totals {{amount}}, due on {{date}}.',
  'Upgrade to version {{version}} before the call on {{date}} at {{time}}.',
  'The meeting moved to {{date}} at {{time}}; room {{room}}.',
  'Revenue grew from {{amount}} to {{amount}} between {{year}} and {{year}}.',
  'Ticket #{{ticket}} was closed after {{count}} comments.',
  'Tracking number: {{tracking}}',
  'Please call back about order {{order}} placed on {{date}}.',
  'The population reached {{population}} in {{year}}, up {{percent}} on the year before.',
  'Build {{version}} fixes issues {{ticket}}, {{ticket}} and {{ticket}}.',
  'Coordinates {{coords}} mark the depot; call it before you go.',
  'The ISBN of the handbook is {{isbn}}.',
];

const people = ['Maria Schmidt', 'David Johnson', 'Aiko Tanaka', 'Liam O\'Brien', 'Priya Patel', 'Lucas Moreau', 'Sofia Rossi', 'Noah Williams', 'Elena García', 'Ahmed Khan'];
const cities = ['London', 'Berlin', 'Lyon', 'Mumbai', 'Sydney', 'Toronto', 'Madrid', 'Osaka', 'Dublin', 'Zurich'];
const streets = ['12 Baker Street', '221 Elm Avenue', 'Hauptstraße 5', '7 rue de la Paix', 'Via Roma 18'];

function filler(random: SeededRandom, name: string): string {
  switch (name) {
    case 'person': return random.pick(people);
    case 'city': return random.pick(cities);
    case 'street': return random.pick(streets);
    case 'email': return `${random.pick(['jane', 'kim', 'o.ng', 'max'])}${random.int(1, 99)}@example.${random.pick(['com', 'org', 'de'])}`;
    case 'network': return random.pick(['Visa', 'Amex', 'Mastercard', 'Diners', 'JCB']);
    case 'expiry': return random.fill(random.pick(['0%/2#', '1#/2#']));
    case 'cvv': return random.fill('###');
    case 'date': return random.fill(random.pick(['2024-0%-1#', '1#/0%/2023', '0%.0%.2025', '2#.1#.2024', '1# March 2024']));
    case 'time': return random.fill(random.pick(['1#:#0', '0%:30', '1#:#5:00']));
    case 'order': return random.fill(random.pick(['2024-###-####', 'ORD-%######', '%#######', '%##-%######-#######']));
    case 'invoice': return random.fill(random.pick(['INV-2024-####', '2023/%####', '%#####']));
    case 'amount': return random.fill(random.pick(['$%,###.##', '€%##.##', '%,###,### USD', '£%#.##', '%#,###.## EUR']));
    case 'version': return random.fill(random.pick(['%.#.##', '%.##.#.####', 'v%.#.#', '20#.0%.%']));
    case 'room': return random.fill('%.##');
    case 'year': return random.fill('20%#');
    case 'count': return random.fill('%#');
    case 'ticket': return random.fill('%####');
    case 'tracking': return random.fill(random.pick(['1Z ### ### ## #### ###', '9400 #### #### #### #### ##', '%### #### ####']));
    case 'population': return random.fill(random.pick(['%,###,###', '%## ### ###']));
    case 'percent': return random.fill('%.#%');
    case 'coords': return random.fill('4#.####%, -7#.####%');
    case 'isbn': return random.fill('978-%-##-######-#');
    default: throw new Error(`unknown placeholder ${name}`);
  }
}

function fill(random: SeededRandom, template: string): SyntheticSentence {
  const spans: PlantedSpan[] = [];
  let text = '';
  let at = 0;
  for (const match of template.matchAll(/\{\{(\w+)\}\}/g)) {
    text += template.slice(at, match.index);
    at = (match.index ?? 0) + match[0].length;
    const name = match[1] ?? '';
    const start = text.length;
    if (name === 'phone') {
      const phone = phoneNumber(random);
      text += phone.value;
      spans.push({ type: 'PHONE_NUMBER', start, end: text.length, coreEnd: start + phone.numberLength, detail: phone.country });
    } else if (name === 'card') {
      const card = cardNumber(random);
      text += card.value;
      spans.push({ type: 'CREDIT_CARD', start, end: text.length, coreEnd: text.length, detail: `${card.network} ${card.digits.length}` });
    } else if (name === 'iban') {
      const iban = ibanNumber(random);
      text += iban.value;
      spans.push({ type: 'IBAN_CODE', start, end: text.length, coreEnd: text.length, detail: iban.country });
    } else {
      text += filler(random, name);
    }
  }
  return { text: text + template.slice(at), spans };
}

/** The set: `count` sentences from `seed`, three in four from the PII templates, one in four distractors. */
export function syntheticPiiSentences(count = 1500, seed = 20_240_917): SyntheticSentence[] {
  const random = new SeededRandom(seed);
  const out: SyntheticSentence[] = [];
  for (let i = 0; i < count; i++) out.push(fill(random, random.chance(0.75) ? random.pick(templates) : random.pick(distractors)));
  return out;
}
