// The YAML as it is after schema validation: plain data in the shape of
// schemas/templates.schema.json. Only build.ts turns it into the canonical model.

import type { Category, ChannelName, TemplateKind } from "../model/template.js";

export type RawPhone = string | number;

export interface RawFile {
  version: 1;
  apps?: Record<string, RawApp>;
  defaults?: RawDefaults;
  templates?: RawTemplate[];
}

export interface RawApp {
  appId: string;
  appName: string;
  source: RawPhone;
  prune?: boolean;
  rateLimit?: { perMinute: number };
  channel?: ChannelName;
}

export interface RawDefaults {
  app?: string;
  language?: string;
  category?: Category;
  vertical?: string;
  allowCategoryChange?: boolean;
  channel?: ChannelName;
  testDestinations?: RawPhone[];
}

export type RawHeader =
  | { type: "text"; text: string }
  | { type: "image" | "video" | "document"; example?: string; handle?: string }
  | { type: "location" }
  | { type: "product" };

export type RawButton =
  | { type: "quick_reply"; text: string }
  | { type: "url"; text: string; url: string; example?: string }
  | { type: "phone_number"; text: string; phoneNumber: RawPhone }
  | { type: "copy_code"; example: string }
  | { type: "otp"; otpType: "COPY_CODE" | "ONE_TAP"; text: string }
  | { type: "mpm" | "catalog" | "spm"; text?: string };

export interface RawTest {
  destinations?: RawPhone[];
  params?: string[];
  headerParam?: string;
  headerMedia?: { link?: string; id?: string };
  couponCode?: string;
  urlSuffix?: string;
  expiresIn?: string;
  expiresAt?: string | number;
  product?: { catalogId: string; productRetailerId: string };
  sections?: { title?: string; productRetailerIds: string[] }[];
  thumbnailProductRetailerId?: string;
  channel?: ChannelName;
}

export interface RawTemplate {
  name: string;
  app?: string;
  language?: string;
  category?: Category;
  kind?: TemplateKind;
  vertical?: string;
  header?: RawHeader;
  body: string;
  examples?: { body?: string[]; header?: string };
  footer?: string;
  buttons?: RawButton[];
  limitedOfferText?: string;
  hasExpiration?: boolean;
  allowCategoryChange?: boolean;
  protect?: boolean;
  test?: RawTest;
}
