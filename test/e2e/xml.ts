// Just enough XML reading to check a JUnit report: well-formedness (one root, balanced and
// properly nested tags, quoted attributes, known entities) and the elements with their attributes.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITY = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, "&");
}

/** Parses `xml` or throws with what is wrong. */
export function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "").replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "");
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*"[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const [, close, name, attrText, selfClose, text, stray] = m;
    if (stray) throw new Error(`malformed markup at offset ${m.index}: ${body.slice(m.index, m.index + 40)}`);
    if (text !== undefined) {
      if (ENTITY.test(text)) throw new Error(`unescaped & in text: ${text.slice(0, 60)}`);
      if (stack.length === 0) {
        if (text.trim()) throw new Error(`text outside the root element: ${text.slice(0, 60)}`);
        continue;
      }
      stack[stack.length - 1]!.text += decode(text);
      continue;
    }
    if (close) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? "nothing"}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? "").matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*"([^"]*)"/g)) {
      if (ENTITY.test(a[2]!)) throw new Error(`unescaped & in attribute ${a[1]}`);
      if (a[1]! in attrs) throw new Error(`attribute ${a[1]} repeated on <${name}>`);
      attrs[a[1]!] = decode(a[2]!);
    }
    const el: XmlElement = { name: name!, attrs, children: [], text: "" };
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else if (root) throw new Error("more than one root element");
    else root = el;
    if (!selfClose) stack.push(el);
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

export function descendants(el: XmlElement, name: string): XmlElement[] {
  return el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...descendants(c, name)]);
}
