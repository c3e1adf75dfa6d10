// CFG-007 (lint part): a header or button type that belongs to another kind. The YAML-level part
// (LTO fields on a non-LTO template) is checked while building the template. Test-block fields of
// another kind are only a warning: they are ignored at send time.

import type { ButtonType, DesiredTemplate, TemplateKind } from "../../model/template.js";
import { CONFIG_CODES } from "../codes.js";
import { withArticle } from "../text.js";
import { type Finding, rule, type TemplateRule } from "./rule.js";

const BUTTON_KIND: Partial<Record<ButtonType, TemplateKind>> = {
  mpm: "multi_product",
  catalog: "catalog",
  spm: "single_product",
};

export const kindRules: TemplateRule[] = [
  rule({ id: "CFG-007", ...CONFIG_CODES["CFG-007"] }, (t) => {
    const out = t.buttons.flatMap((b, i) => {
      const kind = BUTTON_KIND[b.type];
      return kind && kind !== t.kind
        ? [
            {
              path: ["buttons", i, "type"],
              message: `${withArticle(b.type)} button belongs to kind: ${kind}`,
              hint: `set \`kind: ${kind}\``,
            },
          ]
        : [];
    });
    if (t.header?.type === "product" && t.kind !== "single_product") {
      out.push({
        path: ["header", "type"],
        message: "a product header belongs to kind: single_product",
        hint: "set `kind: single_product`",
      });
    }
    return [...out, ...testFieldFindings(t)];
  }),
];

function testFieldFindings(t: DesiredTemplate): Finding[] {
  const test = t.test;
  if (!test) return [];
  const ignored = (key: string, kinds: string): Finding => ({
    severity: "warning",
    path: ["test", key],
    message: `test.${key} is ignored: it is only used by ${kinds} templates`,
  });
  const out: Finding[] = [];
  if (test.product && t.kind !== "single_product") out.push(ignored("product", "single_product"));
  if (test.sections && t.kind !== "multi_product") out.push(ignored("sections", "multi_product"));
  if (test.thumbnailProductRetailerId !== undefined && t.kind !== "multi_product" && t.kind !== "catalog") {
    out.push(ignored("thumbnailProductRetailerId", "multi_product and catalog"));
  }
  const media = t.header?.type === "image" || t.header?.type === "video" || t.header?.type === "document";
  if (test.headerMedia && !media) out.push(ignored("headerMedia", "media-header"));
  if (test.couponCode !== undefined && !t.buttons.some((b) => b.type === "copy_code")) {
    out.push(ignored("couponCode", "copy-code"));
  }
  return out;
}
