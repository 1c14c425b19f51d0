// A small walker over fast-xml-parser's ordered output, for the XML formats read by hand (PPTX, EPUB, feeds).
import { XMLParser } from 'fast-xml-parser';

export type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
});

export function parseXml(xml: string): XmlNode[] {
  return parser.parse(xml) as XmlNode[];
}

export function tagOf(node: XmlNode): string {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return '';
}

export function childrenOf(node: XmlNode): XmlNode[] {
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

export function attr(node: XmlNode, name: string): string | undefined {
  const attrs = node[':@'] as Record<string, unknown> | undefined;
  const value = attrs?.[name];
  return value === undefined ? undefined : String(value);
}

/** Local name without namespace prefix: `a:t` → `t`. */
export function localName(tag: string): string {
  const colon = tag.indexOf(':');
  return colon < 0 ? tag : tag.slice(colon + 1);
}

/** Every descendant (depth first, in document order) whose tag is one of `tags`. */
export function findAll(nodes: readonly XmlNode[], tags: readonly string[], out: XmlNode[] = []): XmlNode[] {
  for (const node of nodes) {
    if (tags.includes(tagOf(node))) out.push(node);
    else findAll(childrenOf(node), tags, out);
  }
  return out;
}

export function findFirst(nodes: readonly XmlNode[], tag: string): XmlNode | undefined {
  return findAll(nodes, [tag])[0];
}

/** All text below the nodes, concatenated. */
export function textOf(nodes: readonly XmlNode[]): string {
  let text = '';
  for (const node of nodes) {
    if ('#text' in node) text += String(node['#text']);
    else text += textOf(childrenOf(node));
  }
  return text;
}
