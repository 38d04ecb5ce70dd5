// Shapes shared with @obp/documents (structurally identical to its DocumentLoader).
export type DocumentLoader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: any }>

export interface ErrorInfo { name: string; message: string; code?: string; errors?: ErrorInfo[] }

export interface VerifyResult {
  verified: boolean
  results: any[]
  error?: { name: string; message: string; errors?: any[] }
  warnings?: string[]
}
