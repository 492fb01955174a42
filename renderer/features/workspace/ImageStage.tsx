import { useCallback, useEffect, useImperativeHandle, useRef, useState, type PointerEvent, type Ref } from 'react';
import { Box } from '@mui/material';

export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 8;
export const ZOOM_STEP = 1.25;
/** How far one pan key moves a zoomed picture, in screen pixels. */
const PAN_STEP = 80;

/** What the viewer's buttons and keys do to one picture. */
export interface ImageStageHandle {
  zoomIn(): void;
  zoomOut(): void;
  zoomReset(): void;
  rotate(quarterTurns: 1 | -1): void;
  pan(dx: number, dy: number): void;
}

export interface ImageStageProps {
  url: string;
  alt: string;
  testId?: string;
  /** Told the zoom (1 = the whole picture fits) whenever it changes. */
  onZoom?: (zoom: number) => void;
  /** The picture was clicked or dragged (the viewer makes this side the one its keys act on). */
  onActivate?: () => void;
  ref?: Ref<ImageStageHandle>;
}

interface Size {
  readonly w: number;
  readonly h: number;
}

/** How far the picture may be moved each way: half of what sticks out of the stage, never less than 0. */
export function panLimits(stage: Size, picture: Size, quarterTurns: number, scale: number): Size {
  const sideways = Math.abs(quarterTurns) % 2 === 1;
  const w = (sideways ? picture.h : picture.w) * scale;
  const h = (sideways ? picture.w : picture.h) * scale;
  return { w: Math.max(0, (w - stage.w) / 2), h: Math.max(0, (h - stage.h) / 2) };
}

/** The scale at which the (rotated) picture fits the stage whole. */
export function containScale(stage: Size, picture: Size, quarterTurns: number): number {
  if (stage.w <= 0 || stage.h <= 0 || picture.w <= 0 || picture.h <= 0) return 1;
  const sideways = Math.abs(quarterTurns) % 2 === 1;
  return Math.min(stage.w / (sideways ? picture.h : picture.w), stage.h / (sideways ? picture.w : picture.h));
}

const clamp = (v: number, limit: number) => Math.max(-limit, Math.min(limit, v));

/**
 * One picture that fits its stage whole at 100%, zoomed about the centre, rotated in quarter
 * turns and, once it is larger than the stage, moved by dragging, the mouse wheel zooming.
 * Presentational apart from its own view state (zoom, turn, offset), which starts afresh for each
 * picture (the viewer keys it by the attachment).
 */
export function ImageStage(props: Readonly<ImageStageProps>) {
  const box = useRef<HTMLDivElement | null>(null);
  const [stage, setStage] = useState<Size>({ w: 0, h: 0 });
  const [picture, setPicture] = useState<Size | null>(null);
  const [zoom, setZoom] = useState(1);
  const [turns, setTurns] = useState(0);
  const [offset, setOffset] = useState({ x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number; ox: number; oy: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const { onZoom } = props;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setStage({ w: el.clientWidth, h: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => onZoom?.(zoom), [zoom, onZoom]);

  const size = picture ?? { w: 0, h: 0 };
  const scale = containScale(stage, size, turns) * zoom;
  const limits = panLimits(stage, size, turns, scale);
  const x = clamp(offset.x, limits.w);
  const y = clamp(offset.y, limits.h);

  const setZoomBy = useCallback((factor: number | null) => {
    setZoom((z) => (factor === null ? 1 : Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z * factor))));
    if (factor === null) setOffset({ x: 0, y: 0 });
  }, []);

  useImperativeHandle(
    props.ref,
    () => ({
      zoomIn: () => setZoomBy(ZOOM_STEP),
      zoomOut: () => setZoomBy(1 / ZOOM_STEP),
      zoomReset: () => setZoomBy(null),
      rotate: (q) => {
        setTurns((t) => (t + q + 4) % 4);
        setOffset({ x: 0, y: 0 });
      },
      pan: (dx, dy) => setOffset((o) => ({ x: clamp(o.x + dx * PAN_STEP, limits.w), y: clamp(o.y + dy * PAN_STEP, limits.h) })),
    }),
    [setZoomBy, limits.w, limits.h],
  );

  // the wheel zooms the picture, not the page: a listener that may preventDefault (React's is passive)
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      setZoomBy(e.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [setZoomBy]);

  const movable = limits.w > 0 || limits.h > 0;
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    props.onActivate?.();
    if (!movable || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY, ox: x, oy: y };
    setDragging(true);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    setOffset({ x: clamp(d.ox + e.clientX - d.x, limits.w), y: clamp(d.oy + e.clientY - d.y, limits.h) });
  };
  const onPointerUp = () => {
    drag.current = null;
    setDragging(false);
  };

  return (
    <Box
      ref={box}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      data-zoom={zoom.toFixed(2)}
      data-rotation={turns * 90}
      sx={{ position: 'absolute', inset: 0, overflow: 'hidden', cursor: movable ? (dragging ? 'grabbing' : 'grab') : 'default', touchAction: 'none' }}
    >
      <img
        src={props.url}
        alt={props.alt}
        data-testid={props.testId}
        draggable={false}
        onLoad={(e) => setPicture({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
        style={{
          position: 'absolute',
          left: '50%',
          top: '50%',
          width: picture ? size.w * scale : undefined,
          height: picture ? size.h * scale : undefined,
          maxWidth: 'none',
          opacity: picture ? 1 : 0,
          transform: `translate(-50%, -50%) translate(${x}px, ${y}px) rotate(${turns * 90}deg)`,
          userSelect: 'none',
        }}
      />
    </Box>
  );
}
