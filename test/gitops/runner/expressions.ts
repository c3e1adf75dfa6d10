// Just enough of GitHub Actions expressions to run the example workflows as GitHub would:
// `${{ … }}` interpolation and `if:` conditions with contexts, literals, ! == != && || ( ) and the
// status functions. Semantics follow the docs: strings compare case-insensitively, && and ||
// return an operand, falsy is false, 0, "" and null.

export type Value = string | number | boolean | null | Record<string, unknown> | unknown[];

export interface ExprContext {
  contexts: Record<string, unknown>;
  /** Whether an earlier step of the job failed / the run was cancelled. */
  status: { failed: boolean; cancelled: boolean };
}

type Token =
  | { t: "str"; v: string }
  | { t: "num"; v: number }
  | { t: "id"; v: string }
  | { t: "op"; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let v = "";
      i++;
      while (i < src.length) {
        if (src[i] === "'" && src[i + 1] === "'") {
          v += "'";
          i += 2;
        } else if (src[i] === "'") {
          break;
        } else {
          v += src[i++];
        }
      }
      i++;
      out.push({ t: "str", v });
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9.]+/.exec(src.slice(i))![0];
      out.push({ t: "num", v: Number(m) });
      i += m.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(src.slice(i))![0];
      out.push({ t: "id", v: m });
      i += m.length;
    } else {
      const two = src.slice(i, i + 2);
      if (["==", "!=", "&&", "||", "<=", ">="].includes(two)) {
        out.push({ t: "op", v: two });
        i += 2;
      } else if ("!()<>,".includes(c)) {
        out.push({ t: "op", v: c });
        i++;
      } else {
        throw new Error(`unexpected '${c}' in expression: ${src}`);
      }
    }
  }
  return out;
}

export function truthy(v: unknown): boolean {
  return !(v === false || v === 0 || v === "" || v === null || v === undefined || Number.isNaN(v));
}

function equal(a: unknown, b: unknown): boolean {
  const na = a ?? null;
  const nb = b ?? null;
  if (typeof na === "string" && typeof nb === "string") return na.toLowerCase() === nb.toLowerCase();
  if (na === null || nb === null) return na === nb;
  if (typeof na === typeof nb) return na === nb;
  return Number(na) === Number(nb);
}

function lookup(path: string, contexts: Record<string, unknown>): unknown {
  let v: unknown = contexts;
  for (const part of path.split(".")) {
    if (v === null || typeof v !== "object") return null;
    v = (v as Record<string, unknown>)[part];
  }
  return v ?? null;
}

export function evaluate(src: string, ctx: ExprContext): unknown {
  const tokens = tokenize(src);
  let i = 0;
  const peek = () => tokens[i];
  const take = (v: string) => {
    const t = tokens[i];
    if (t?.t !== "op" || t.v !== v) throw new Error(`expected '${v}' in: ${src}`);
    i++;
  };
  function or(): unknown {
    let left = and();
    while (peek()?.t === "op" && peek()?.v === "||") {
      i++;
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  }
  function and(): unknown {
    let left = eq();
    while (peek()?.t === "op" && peek()?.v === "&&") {
      i++;
      const right = eq();
      left = truthy(left) ? right : left;
    }
    return left;
  }
  function eq(): unknown {
    let left = unary();
    while (peek()?.t === "op" && (peek()?.v === "==" || peek()?.v === "!=")) {
      const op = tokens[i++]!.v;
      const right = unary();
      left = op === "==" ? equal(left, right) : !equal(left, right);
    }
    return left;
  }
  function unary(): unknown {
    if (peek()?.t === "op" && peek()?.v === "!") {
      i++;
      return !truthy(unary());
    }
    return primary();
  }
  function primary(): unknown {
    const t = tokens[i++];
    if (!t) throw new Error(`unexpected end of expression: ${src}`);
    if (t.t === "op" && t.v === "(") {
      const v = or();
      take(")");
      return v;
    }
    if (t.t === "str" || t.t === "num") return t.v;
    if (t.t === "id") {
      if (t.v === "true") return true;
      if (t.v === "false") return false;
      if (t.v === "null") return null;
      if (peek()?.t === "op" && peek()?.v === "(") {
        take("(");
        take(")");
        switch (t.v) {
          case "always":
            return true;
          case "success":
            return !ctx.status.failed && !ctx.status.cancelled;
          case "failure":
            return ctx.status.failed;
          case "cancelled":
            return ctx.status.cancelled;
          default:
            throw new Error(`unsupported function ${t.v}() in: ${src}`);
        }
      }
      return lookup(t.v, ctx.contexts);
    }
    throw new Error(`unexpected '${t.v}' in: ${src}`);
  }
  const v = or();
  if (i !== tokens.length) throw new Error(`trailing tokens in: ${src}`);
  return v;
}

/** Replaces each `${{ expr }}` in a string with its value. */
export function interpolate(text: string, ctx: ExprContext): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr: string) => {
    const v = evaluate(expr, ctx);
    return v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
  });
}

/** An `if:` condition: with or without `${{ }}`; absent means success(). */
export function condition(text: unknown, ctx: ExprContext): boolean {
  if (text === undefined) return !ctx.status.failed && !ctx.status.cancelled;
  const src = String(text).trim();
  const m = /^\$\{\{([\s\S]*)\}\}$/.exec(src);
  const expr = m ? m[1]! : src;
  const usesStatus = /\b(always|success|failure|cancelled)\(\)/.test(expr);
  // GitHub adds an implicit success() && when the condition names no status function
  const value = truthy(evaluate(expr, ctx));
  return usesStatus ? value : value && !ctx.status.failed && !ctx.status.cancelled;
}
