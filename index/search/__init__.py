"""Search over clauses: segmentation, BM25, embeddings, FAISS, and publishing both together."""
