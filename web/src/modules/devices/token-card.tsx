import { useState } from 'react';
import { Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Button } from '../../app/ui/fields';
import type { DeviceWithToken } from './api';
import '../alerts/alerts.css';

/** A device token, shown once (the server keeps only its hash), with how to use it over HTTP and MQTT. */
export function TokenCard({ device, onDone }: { device: DeviceWithToken; onDone: () => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [copied, setCopied] = useState(false);
  // The answer carries no topic: it follows the broker's pattern for the tenant and device.
  const topic = `tsunagari/${me?.tenant_slug ?? '{tenant}'}/devices/${device.device_key}/telemetry`;
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const now = new Date().toISOString();
  const http = `curl -X POST ${origin}/api/v1/telemetry \\
  -H 'Authorization: Bearer ${device.token}' \\
  -H 'Content-Type: application/json' \\
  -d '{"readings":[{"device_id":"${device.device_key}","ts":"${now}","kind":"heartbeat","value":1}]}'`;
  const mqtt = `mosquitto_pub -t '${topic}' \\
  -m '{"token":"${device.token}","readings":[{"ts":"${now}","kind":"heartbeat","value":1}]}'`;
  async function copy() {
    try {
      await navigator.clipboard.writeText(device.token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className="token-box" role="status">
      <strong>{t('devices.tokenShownOnce')}</strong>
      <div className="token-box__row">
        <TextField className="field" value={device.token} isReadOnly>
          <Label className="field__label">{t('devices.token')}</Label>
          <Input className="field__input mono" onFocus={(e) => e.currentTarget.select()} />
        </TextField>
        <Button variant="secondary" onPress={() => void copy()}>
          {copied ? t('devices.copied') : t('devices.copy')}
        </Button>
      </div>
      <div>
        <h4 className="subhead">{t('devices.mqttTopic')}</h4>
        <pre>{topic}</pre>
      </div>
      <div>
        <h4 className="subhead">{t('devices.httpExample')}</h4>
        <pre>{http}</pre>
      </div>
      <div>
        <h4 className="subhead">{t('devices.mqttExample')}</h4>
        <pre>{mqtt}</pre>
      </div>
      <Button variant="secondary" onPress={onDone}>
        {t('devices.tokenDone')}
      </Button>
    </div>
  );
}
