import type { FieldProblem } from '../../common/errors';

type Raw = Record<string, unknown>;
const HOUR = 3600_000;
// "+4h", "-0.5h": an instant relative to the case's `at`, so a suite reads as a timeline.
const OFFSET = /^([+-]\d+(?:\.\d+)?)h$/;

/**
 * Reads one JSON object of a policy case, collecting every problem with its path
 * ("cases[3].resource.status") instead of stopping at the first, so a reviewer fixes a suite in
 * one go. Absent and null mean "use the default"; a key the object does not know is a problem,
 * so a typo ("sensitve") is never silently read as the default.
 */
export class CaseReader {
  private readonly used = new Set<string>();

  constructor(readonly problems: FieldProblem[], readonly path: string, private readonly raw: Raw) {}

  static of(problems: FieldProblem[], path: string, raw: unknown): CaseReader {
    const isObject = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
    if (!isObject) problems.push({ field: path, message: 'must be an object' });
    return new CaseReader(problems, path, isObject ? (raw as Raw) : {});
  }

  problem(key: string, message: string): void {
    this.problems.push({ field: this.at(key), message });
  }

  private at = (key: string) => (this.path ? `${this.path}.${key}` : key);

  private value(key: string): unknown {
    this.used.add(key);
    const value = this.raw[key];
    return value === null ? undefined : value;
  }

  has(key: string): boolean {
    return this.value(key) !== undefined;
  }

  /** The value as given (null as undefined), for fields that take more than one shape. */
  rawOf(key: string): unknown {
    return this.value(key);
  }

  pathOf(key: string): string {
    return this.at(key);
  }

  text(key: string, fallback: string): string;
  text(key: string, fallback?: undefined): string | undefined;
  text(key: string, fallback?: string): string | undefined {
    const value = this.value(key);
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(key, 'must be a non-empty string');
      return fallback;
    }
    return value.trim();
  }

  bool(key: string, fallback: boolean): boolean {
    const value = this.value(key);
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.problem(key, 'must be true or false');
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(key: string, values: readonly T[], fallback: T): T;
  oneOf<T extends string>(key: string, values: readonly T[], fallback?: undefined): T | undefined;
  oneOf<T extends string>(key: string, values: readonly T[], fallback?: T): T | undefined {
    const value = this.value(key);
    if (value === undefined) return fallback;
    if (!values.includes(value as T)) {
      this.problem(key, `must be one of ${values.join(', ')}`);
      return fallback;
    }
    return value as T;
  }

  /** An ISO instant, or an offset in hours from `base` ("+4h"). */
  instant(key: string, base: Date | undefined, fallback: Date): Date;
  instant(key: string, base: Date | undefined, fallback: null): Date | null;
  instant(key: string, base: Date | undefined, fallback: Date | null): Date | null {
    const value = this.value(key);
    if (value === undefined) return fallback;
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
    const offset = typeof value === 'string' ? OFFSET.exec(value) : null;
    if (offset && base) return new Date(base.getTime() + Number(offset[1]) * HOUR);
    const parsed = typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? new Date(value) : undefined;
    if (!parsed || Number.isNaN(parsed.getTime())) {
      this.problem(key, 'must be an ISO 8601 instant (2026-03-02T09:00:00Z) or hours from `at` ("+4h", "-1h")');
      return fallback;
    }
    return parsed;
  }

  textList(key: string): string[] | undefined {
    const value = this.value(key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.trim() === '')) {
      this.problem(key, 'must be a list of non-empty strings');
      return undefined;
    }
    return value.map((item: string) => item.trim());
  }

  child(key: string): CaseReader | undefined {
    const value = this.value(key);
    return value === undefined ? undefined : CaseReader.of(this.problems, this.at(key), value);
  }

  children(key: string): CaseReader[] {
    const value = this.value(key);
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.problem(key, 'must be a list');
      return [];
    }
    return value.map((item, index) => CaseReader.of(this.problems, `${this.at(key)}[${index}]`, item));
  }

  /** Call last: names every key that was given but that nothing read. */
  rejectUnknown(what: string): void {
    for (const key of Object.keys(this.raw)) {
      if (!this.used.has(key) && this.raw[key] !== undefined && this.raw[key] !== null) {
        this.problem(key, `is not a field of ${what}`);
      }
    }
  }
}
