/**
 * The shape of caffe.proto facts as the analysis uses them. The data itself is generated from
 * ../shared/reference/caffe-schema.json into caffe-proto.generated.ts (scripts/gen-schema.mjs).
 */
export type ScalarType =
  | 'double' | 'float'
  | 'int32' | 'int64' | 'uint32' | 'uint64' | 'sint32' | 'sint64'
  | 'fixed32' | 'fixed64' | 'sfixed32' | 'sfixed64'
  | 'bool' | 'string' | 'bytes';

export type FieldType = ScalarType | 'enum' | 'message';
export type FieldLabel = 'optional' | 'required' | 'repeated';

export interface FieldDescriptor {
  name: string;
  number: number;
  label: FieldLabel;
  type: FieldType;
  /** Full name of the message or enum type, e.g. "caffe.FillerParameter". */
  typeName?: string;
  /** The proto default as protoc prints it ("0.999", "FAN_IN", "true"); absent: the type's zero. */
  default?: string;
  packed?: boolean;
}

export interface EnumValueDescriptor {
  name: string;
  number: number;
}

export interface EnumDescriptor {
  fullName: string;
  values: EnumValueDescriptor[];
}

export interface MessageDescriptor {
  fullName: string;
  fields: FieldDescriptor[];
}

export interface SchemaFacts {
  source: { repo: string; commit: string; path: string };
  messages: MessageDescriptor[];
  enums: EnumDescriptor[];
}
