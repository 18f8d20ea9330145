// Typed readers of the step's inputs, each failing with invalid-input and a line that names the input and what it
// takes. Only settings.ts reads inputs (a contract test holds it to that), through these.

import { ActionError } from './errors.js';
import type { Runtime } from './runtime.js';

export class InputReader {
  constructor(
    private readonly runtime: Pick<Runtime, 'getInput' | 'getBooleanInput' | 'getMultilineInput'>,
  ) {}

  getInput(name: string): string {
    return this.runtime.getInput(name);
  }

  multilineInput(name: string): string[] {
    return this.runtime.getMultilineInput(name);
  }

  booleanInput(name: string): boolean {
    try {
      return this.runtime.getBooleanInput(name);
    } catch {
      throw new ActionError(
        'invalid-input',
        `the input ${name} must be true or false, not "${this.runtime.getInput(name)}"`,
      );
    }
  }

  choiceInput<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.runtime.getInput(name) || fallback;
    if (!(choices as readonly string[]).includes(value)) {
      throw new ActionError(
        'invalid-input',
        `the input ${name} must be one of ${choices.join(', ')}, not "${value}"`,
      );
    }
    return value as T;
  }

  integerInput(name: string, min: number, max: number): number | undefined {
    const text = this.runtime.getInput(name);
    if (!text) return undefined;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ActionError(
        'invalid-input',
        `the input ${name} must be a whole number from ${min} to ${max}, not "${text}"`,
      );
    }
    return value;
  }
}
