import vm from 'node:vm';

export interface PriceContext {
  basePrice: number;
  quantity: number;
  customerTier: string;
}

export class PricingEngine {
  evaluate(formula: string, context: PriceContext): number {
    const sandbox = vm.createContext({ ...context });
    const result = vm.runInContext(formula, sandbox, { timeout: 25 });
    return Number(result);
  }
}
