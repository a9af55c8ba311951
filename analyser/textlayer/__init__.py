"""The text layer of a PDF: characters → clean reading-order lines (``analyser.pdftext`` runs the
steps; each module here is one step or the data they share)."""
