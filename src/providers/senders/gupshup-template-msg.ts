// The form body shared by Gupshup's two `/template/msg` endpoints (partner: seed 003, self-serve:
// seed 002). The template is referenced by its Gupshup id and all values go in one flat `params`
// list whose order is not documented (send-apis.md §2.2, decision #19). We send, unverified:
//   [header text variable?, ...body variables, coupon code?, URL suffix(es)?, thumbnail product id?]
// i.e. header, body, then button values in button order, with the MPM/catalog thumbnail last as
// Gupshup's MPM and catalog pages say.

import { UserError } from "../../model/errors.js";
import type { PayloadInput } from "./input.js";
import { digitsOnly } from "./phone.js";
import { collectSendValues } from "./send-values.js";

export function gupshupTemplateMsgFields(input: PayloadInput, channel: string): [string, string][] {
  const values = collectSendValues(input);
  if (values.header?.type === "product") {
    throw new UserError(
      `${values.key}: single-product templates cannot be sent through ${channel}: Gupshup documents no SPM send`,
      "use --channel kaleyra-v2",
    );
  }
  if (!input.remoteId) {
    throw new UserError(`${values.key}: the template has no Gupshup id yet; create it (waform apply) first`);
  }

  const params: string[] = [];
  if (values.header?.type === "text") params.push(values.header.param);
  params.push(...values.body.map((b) => b.value));
  let mpm: { sections: { title?: string; products: string[] }[] } | undefined;
  let thumbnail: string | undefined;
  for (const button of values.buttons) {
    if (button.type === "copy_code") params.push(button.couponCode);
    else if (button.type === "url") params.push(button.suffix);
    else if (button.type === "mpm") {
      mpm = {
        sections: button.sections.map((s) => ({
          ...(s.title && { title: s.title }),
          products: s.productRetailerIds,
        })),
      };
      thumbnail = button.thumbnailProductRetailerId;
    } else if (button.type === "catalog") thumbnail = button.thumbnailProductRetailerId;
  }
  if (thumbnail !== undefined) params.push(thumbnail);

  const template = {
    id: input.remoteId,
    params,
    ...(values.expirationMs !== undefined && { expiration: values.expirationMs }),
    ...(mpm && { mpm }),
  };

  const fields: [string, string][] = [
    ["channel", "whatsapp"],
    ["source", digitsOnly(input.app.source, `app ${input.app.alias}: source`)],
    ["destination", digitsOnly(input.destination, "destination")],
    ["src.name", input.app.appName],
    ["template", JSON.stringify(template)],
  ];
  const header = values.header;
  if (header && header.type !== "text") {
    // Gupshup takes a public link or an uploaded media id; the link is what the user declared
    const media = header.link ? { link: header.link } : { id: header.id };
    fields.push(["message", JSON.stringify({ type: header.type, [header.type]: media })]);
  }
  return fields;
}
