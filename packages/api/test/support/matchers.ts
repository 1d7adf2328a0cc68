// Asymmetric matchers typed as what they stand for: vitest types them `any`,
// which the type-checked lint refuses inside the objects a test compares.
import { expect } from 'vitest';

export const anyDate = expect.any(Date) as Date;
export const anyString = expect.any(String) as string;
