/** What every explainer returns about one object (declared with the other shared types). */
export type { Explanation } from '../types';
