import { Component, type ReactNode } from "react";
import { errorMessage } from "../lib/errors";
import { retryFailedPages } from "../lib/lazy-page";

interface State {
  error: unknown;
  /** Retries of a chunk that failed to load; after one, a full reload is the better bet. */
  retries: number;
}

/** A failed lazy import: the browsers word it differently, Vite adds its own for CSS. */
function isChunkError(err: unknown): boolean {
  const text = err instanceof Error ? `${err.name} ${err.message}` : String(err);
  return /dynamically imported module|importing a module script failed|preload|ChunkLoadError|Failed to fetch/i.test(
    text,
  );
}

/**
 * Around each page: a page that throws, or whose code cannot be fetched, shows what happened
 * and a Retry button instead of leaving a blank screen. The navigation stays usable. Keyed
 * on the path by the caller, so going to another page starts clean.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null, retries: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  private retry = () => {
    const { error, retries } = this.state;
    // A chunk that failed twice in place: reload the whole console (it may have been
    // updated, and the old chunk names are gone).
    if (isChunkError(error) && retries >= 1) {
      window.location.reload();
      return;
    }
    retryFailedPages();
    this.setState({ error: null, retries: retries + 1 });
  };

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    const chunk = isChunkError(error);
    return (
      <section className="alert alert-error" role="alert" data-testid="page-error">
        <h1>{chunk ? "This page could not be loaded" : "This page stopped working"}</h1>
        <p>
          {chunk
            ? "The console could not fetch this page from the server. The server may be restarting or the network may be down."
            : errorMessage(error) || String(error)}
        </p>
        <p className="row">
          <button type="button" className="btn btn-primary" onClick={this.retry}>
            Retry
          </button>
        </p>
      </section>
    );
  }
}
