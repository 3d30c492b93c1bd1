/**
 * The values the schema stage binds, as classes whose span is their node's, made on request:
 * a big net binds over half a million values, and a span object kept for each was a fifth of
 * the bound tree's memory. Values made up by the net stage (synthesize.ts) stay plain objects.
 */
import type { MessageNode, ScalarNode } from '../syntax/ast';
import type { Span } from '../text/span';
import type { BoundMessage, BoundMessageValue, BoundScalar } from './bound';
import type { ScalarJsValue } from './scalar-value';

export class BoundScalarOfNode implements BoundScalar {
  readonly kind = 'scalar';

  constructor(
    readonly node: ScalarNode,
    readonly value: ScalarJsValue,
    readonly enumName: string | undefined,
  ) {}

  get span(): Span {
    return this.node.span;
  }
}

export class BoundMessageOfNode implements BoundMessageValue {
  readonly kind = 'message';

  constructor(
    private readonly node: MessageNode,
    readonly message: BoundMessage,
  ) {}

  get span(): Span {
    return this.node.span;
  }
}
