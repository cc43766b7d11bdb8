/**
 * Reads TwiML the way Twilio does before running it: a tree of verbs with attributes and text.
 * Enough XML for what the SDK's builder writes (elements, attributes in double quotes, text,
 * the five predefined entities and numeric character references); anything else is an error.
 */
export interface TTwimlNode {
  name: string;
  attrs: Record<string, string>;
  children: TTwimlNode[];
  text: string;
}

const TOKEN = /<\?[^>]*\?>|<!--[\s\S]*?-->|<\/([A-Za-z]+)\s*>|<([A-Za-z]+)((?:\s+[A-Za-z:]+="[^"]*")*)\s*(\/?)>|([^<]+)/gy;
const ATTR = /([A-Za-z:]+)="([^"]*)"/g;

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity] ?? '';
  });
}

export function readTwiml(xml: string): TTwimlNode {
  const root: TTwimlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: TTwimlNode[] = [root];
  let index = 0;
  while (index < xml.length) {
    TOKEN.lastIndex = index;
    const match = TOKEN.exec(xml);
    if (!match) throw new Error(`TwiML: cannot read from ${xml.slice(index, index + 20)}`);
    index = TOKEN.lastIndex;
    const [, closing, opening, attrText, selfClosing, text] = match;
    const top = stack.at(-1);
    if (!top) throw new Error('TwiML: unbalanced elements');
    if (closing) {
      if (top.name !== closing) throw new Error(`TwiML: </${closing}> closes <${top.name}>`);
      stack.pop();
    } else if (opening) {
      const attrs: Record<string, string> = {};
      for (const [, key, value] of (attrText ?? '').matchAll(ATTR)) if (key) attrs[key] = decode(value ?? '');
      const node: TTwimlNode = { name: opening, attrs, children: [], text: '' };
      top.children.push(node);
      if (!selfClosing) stack.push(node);
    } else if (text !== undefined) {
      top.text += decode(text);
    }
  }
  if (stack.length !== 1) throw new Error('TwiML: unclosed elements');
  const response = root.children[0];
  if (!response || response.name !== 'Response') throw new Error('TwiML: no <Response>');
  return response;
}

/** every element named `name`, depth first */
export function findAll(node: TTwimlNode, name: string): TTwimlNode[] {
  return [...(node.name === name ? [node] : []), ...node.children.flatMap((child) => findAll(child, name))];
}
