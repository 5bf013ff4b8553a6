/** lib/ results as n8n item JSON: plain data, undefined fields dropped (n8n stores items as JSON anyway). */
import type { IDataObject } from 'n8n-workflow';

export function toJson(value: unknown): IDataObject {
  return JSON.parse(JSON.stringify(value ?? {})) as IDataObject;
}
