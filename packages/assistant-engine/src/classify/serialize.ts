/**
 * Compact weight storage: each feature row of a [feature][class] matrix is quantized to int8
 * with its own scale, then base64-encoded. Roughly 1 byte per weight instead of ~10 in JSON.
 */
export interface QuantizedMatrix {
  rows: number;
  cols: number;
  scales: string;
  data: string;
}

export function quantizeRows(weights: Float32Array, rows: number, cols: number): QuantizedMatrix {
  const scales = new Float32Array(rows);
  const data = new Int8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(weights[r * cols + c] as number));
    const scale = max / 127 || 1;
    scales[r] = scale;
    for (let c = 0; c < cols; c++) data[r * cols + c] = Math.round((weights[r * cols + c] as number) / scale);
  }
  return { rows, cols, scales: toBase64(scales), data: toBase64(data) };
}

export function dequantizeRows(q: QuantizedMatrix): Float32Array {
  const scales = new Float32Array(fromBase64(q.scales));
  const data = new Int8Array(fromBase64(q.data));
  const out = new Float32Array(q.rows * q.cols);
  for (let r = 0; r < q.rows; r++) {
    const s = scales[r] as number;
    for (let c = 0; c < q.cols; c++) out[r * q.cols + c] = (data[r * q.cols + c] as number) * s;
  }
  return out;
}

function toBase64(arr: Float32Array | Int8Array): string {
  return Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength).toString('base64');
}

function fromBase64(s: string): ArrayBuffer {
  const buf = Buffer.from(s, 'base64');
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}
