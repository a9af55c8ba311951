"""The app's views, one module each; every view is a function of the view context (``common.Ctx``)."""
